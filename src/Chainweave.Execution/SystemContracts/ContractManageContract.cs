using System.Text;
using System.Text.Json;
using Chainweave.Api.Ledger;
using Chainweave.Core.Errors;
using Chainweave.Core.Policies;
using Chainweave.Execution.Contracts;
using Chainweave.Execution.Running;

namespace Chainweave.Execution.SystemContracts;

/// <summary>
/// The lifecycle of installed contracts: install, upgrade, freeze, unfreeze, revoke (each governed
/// by the chain's <c>CONTRACT_MANAGE.*</c> policy, default a majority of organisations' admins),
/// and the read-only get and list. Metadata lives under <c>contract/{name}</c>, code once per hash
/// under <c>code/{hash}</c>; an installed contract's own state is keyed by its name, so an upgrade
/// keeps it.
/// </summary>
public sealed class ContractManageContract : IContract
{
    public const string ContractName = "CONTRACT_MANAGE";
    public const string FrozenCode = ErrorCodes.ContractFrozen;
    public const string RevokedCode = ErrorCodes.ContractRevoked;
    public const int MaxNameLength = 64;
    public const int MaxVersionLength = 64;
    private const int ListPage = 1000;

    private readonly IContractCodeLoader _loader;
    private readonly Func<string, bool> _isSystemName;
    private readonly SystemPolicies _policies;

    public ContractManageContract(IChainView chain, IContractCodeLoader loader, Func<string, bool> isSystemName)
    {
        ArgumentNullException.ThrowIfNull(chain);
        _loader = loader;
        _isSystemName = isSystemName;
        _policies = new SystemPolicies(chain, ContractName, PolicyRule.Majority);
    }

    public string Name => ContractName;

    public bool HasMethod(string method) => method is "install" or "upgrade" or "freeze" or "unfreeze" or "revoke" or "get" or "list";

    public bool IsReadOnly(string method) => method is "get" or "list";

    /// <summary>Names of 1 to 64 characters from [A-Za-z0-9_.-].</summary>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    public ContractResponse Invoke(IContractContext context, string method, IReadOnlyList<Arg> args)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(args);
        if (method == "list")
        {
            return List(context);
        }

        var name = ArgList.FindString(args, "name");
        if (method != "install")
        {
            var record = Read(context, name);
            if (record is null)
            {
                return ContractResponse.Error(ErrorCodes.UnknownContract, $"No contract named '{name}' is installed.");
            }

            if (method == "get")
            {
                return ContractResponse.Success(record.Encode());
            }

            if (context.IsReadOnly)
            {
                return ReadOnlyRefusal(method);
            }

            return method switch
            {
                "upgrade" => Upgrade(context, record, args),
                "freeze" => ChangeStatus(context, method, record, ContractRecord.Active, ContractRecord.Frozen),
                "unfreeze" => ChangeStatus(context, method, record, ContractRecord.Frozen, ContractRecord.Active),
                "revoke" => ChangeStatus(context, method, record, null, ContractRecord.Revoked),
                _ => ContractResponse.Error(ErrorCodes.UnknownMethod, $"{ContractName} has no method '{method}'."),
            };
        }

        return context.IsReadOnly ? ReadOnlyRefusal(method) : Install(context, name, args);
    }

    private ContractResponse Install(IContractContext context, string? name, IReadOnlyList<Arg> args)
    {
        if (!IsValidName(name))
        {
            return ContractResponse.Error(ErrorCodes.ContractNameInvalid, $"Argument 'name' must be 1 to {MaxNameLength} characters from A-Z a-z 0-9 _ . -; it was '{name}'.");
        }

        if (_isSystemName(name!))
        {
            return ContractResponse.Error(ErrorCodes.ContractNameInvalid, $"'{name}' is the name of a system contract.");
        }

        if (context.GetState(ContractRecord.MetaKey(name!)) is not null)
        {
            return ContractResponse.Error(ErrorCodes.ContractExists, $"A contract named '{name}' is already installed; upgrade it instead.");
        }

        var version = ArgList.FindString(args, "version");
        if (VersionError(version) is { } badVersion)
        {
            return badVersion;
        }

        var denied = _policies.Check(context, "install", selfOrg: context.Sender.OrgId);
        if (denied is { } refusal)
        {
            return refusal;
        }

        if (Store(context, args, out var codeHash, out var methods) is { } refused)
        {
            return refused;
        }

        var record = new ContractRecord(name!, version!, codeHash, ContractRecord.Active, context.Sender.OrgId, methods);
        var encoded = record.Encode();
        context.PutState(ContractRecord.MetaKey(name!), encoded);
        context.Emit("contract.installed", [Encoding.UTF8.GetBytes(name!), Encoding.UTF8.GetBytes(version!), Encoding.UTF8.GetBytes(record.CodeHashHex)]);
        if (Contains(methods, InstalledContract.InitMethod))
        {
            var init = context.Call(name!, InstalledContract.InitMethod, InitArgs(args));
            if (!init.Ok)
            {
                return ContractResponse.Error(init.Code, $"The init of '{name}' failed, so nothing was installed: {init.Message}");
            }
        }

        return ContractResponse.Success(encoded);
    }

    private ContractResponse Upgrade(IContractContext context, ContractRecord record, IReadOnlyList<Arg> args)
    {
        if (record.Status == ContractRecord.Revoked)
        {
            return ContractResponse.Error(ErrorCodes.ContractRevoked, $"Contract '{record.Name}' was revoked and cannot be upgraded.");
        }

        var version = ArgList.FindString(args, "version");
        if (VersionError(version) is { } badVersion)
        {
            return badVersion;
        }

        if (string.Equals(version, record.Version, StringComparison.Ordinal))
        {
            return ContractResponse.Error(ErrorCodes.ContractVersionInvalid, $"Contract '{record.Name}' is already at version '{version}'; an upgrade needs a new version.");
        }

        var denied = _policies.Check(context, "upgrade", selfOrg: record.InstallerOrg);
        if (denied is { } refusal)
        {
            return refusal;
        }

        if (Store(context, args, out var codeHash, out var methods) is { } refused)
        {
            return refused;
        }

        var upgraded = record with { Version = version!, CodeHash = codeHash, Methods = methods };
        var encoded = upgraded.Encode();
        context.PutState(ContractRecord.MetaKey(record.Name), encoded);
        context.Emit("contract.upgraded", [Encoding.UTF8.GetBytes(record.Name), Encoding.UTF8.GetBytes(version!), Encoding.UTF8.GetBytes(upgraded.CodeHashHex)]);
        return ContractResponse.Success(encoded);
    }

    /// <summary>Moves <paramref name="record"/> from <paramref name="from"/> (null = any but revoked) to <paramref name="to"/>.</summary>
    private ContractResponse ChangeStatus(IContractContext context, string method, ContractRecord record, string? from, string to)
    {
        if (record.Status == ContractRecord.Revoked)
        {
            return ContractResponse.Error(ErrorCodes.ContractRevoked, $"Contract '{record.Name}' was revoked; revocation is final.");
        }

        if (from is not null && record.Status != from)
        {
            return record.Status == ContractRecord.Frozen
                ? ContractResponse.Error(ErrorCodes.ContractFrozen, $"Contract '{record.Name}' is already frozen.")
                : ContractResponse.Error(ErrorCodes.ContractNotFrozen, $"Contract '{record.Name}' is not frozen.");
        }

        var denied = _policies.Check(context, method, selfOrg: record.InstallerOrg);
        if (denied is { } refusal)
        {
            return refusal;
        }

        var changed = record with { Status = to };
        var encoded = changed.Encode();
        context.PutState(ContractRecord.MetaKey(record.Name), encoded);
        context.Emit("contract." + to, [Encoding.UTF8.GetBytes(record.Name)]);
        return ContractResponse.Success(encoded);
    }

    /// <summary>Validates the 'wasm' argument and stores the code once per hash; a refusal, or null when stored.</summary>
    private ContractResponse? Store(IContractContext context, IReadOnlyList<Arg> args, out byte[] codeHash, out IReadOnlyList<string> methods)
    {
        codeHash = [];
        methods = [];
        var code = ArgList.Find(args, "wasm");
        if (code is null || code.Length == 0)
        {
            return ContractResponse.Error(ErrorCodes.BadArgument, "Argument 'wasm' (the module's bytes) is required.");
        }

        var check = _loader.Validate(code);
        if (!check.Ok)
        {
            return ContractResponse.Error(check.Code, check.Message);
        }

        codeHash = _loader.CodeHash(code);
        methods = check.Methods;
        var codeKey = ContractRecord.CodeKey(codeHash);
        if (context.GetState(codeKey) is null)
        {
            context.PutState(codeKey, code);
        }

        return null;
    }

    private static ContractResponse List(IContractContext context)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartArray();
            var start = Encoding.UTF8.GetBytes(ContractRecord.MetaPrefix);
            var end = Encoding.UTF8.GetBytes(ContractRecord.MetaPrefixEnd);
            while (true)
            {
                var page = context.Range(start, end, ListPage);
                context.ChargeGas((ulong)page.Count * GasSchedule.StateRead);
                foreach (var entry in page)
                {
                    ContractRecord.TryDecode(entry.Value)?.WriteTo(json);
                }

                if (page.Count < ListPage)
                {
                    break;
                }

                // Continue just after the last key of this page.
                start = [.. page[^1].Key, 0];
            }

            json.WriteEndArray();
        }

        return ContractResponse.Success(stream.ToArray());
    }

    private static ContractRecord? Read(IContractContext context, string? name)
    {
        if (!IsValidName(name))
        {
            return null;
        }

        var meta = context.GetState(ContractRecord.MetaKey(name!));
        return meta is null ? null : ContractRecord.TryDecode(meta);
    }

    private static ContractResponse? VersionError(string? version) =>
        string.IsNullOrEmpty(version) || version.Length > MaxVersionLength || version.Any(char.IsControl)
            ? ContractResponse.Error(ErrorCodes.ContractVersionInvalid, $"Argument 'version' must be 1 to {MaxVersionLength} printable characters.")
            : null;

    /// <summary>Every argument but the ones install itself consumes.</summary>
    private static List<Arg> InitArgs(IReadOnlyList<Arg> args)
    {
        var rest = new List<Arg>(args.Count);
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].Key is not ("name" or "version" or "wasm"))
            {
                rest.Add(args[i]);
            }
        }

        return rest;
    }

    private static bool Contains(IReadOnlyList<string> items, string item)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (string.Equals(items[i], item, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static ContractResponse ReadOnlyRefusal(string method) =>
        ContractResponse.Error(ErrorCodes.ContractReadOnly, $"{ContractName}.{method} changes state: send it as a transaction, not a query.");
}
