using System.Buffers.Binary;
using System.Text;
using Chainweave.Api.Ledger;
using Chainweave.Execution.Contracts;

namespace Chainweave.Execution.Tests.Scheduling;

/// <summary>
/// A native test contract whose every outcome depends on what it reads: transfers that fail on a short
/// balance, a range sum that records its total, gas burnt in proportion to a stored value (so running
/// out of gas depends on state too), deletions, and a transfer made through a nested call.
/// </summary>
internal sealed class AccountsContract : IContract
{
    public const string ContractName = "ACCOUNTS";
    public const ulong StartingBalance = 100;

    public string Name => ContractName;

    public bool HasMethod(string method) => method is "transfer" or "sum" or "burn" or "close" or "relay";

    public bool IsReadOnly(string method) => false;

    public ContractResponse Invoke(IContractContext context, string method, IReadOnlyList<Arg> args)
    {
        switch (method)
        {
            case "transfer":
                return Transfer(context, Text(args, 0), Text(args, 1), Number(args, 2));
            case "relay":
                return context.Call(ContractName, "transfer", args);
            case "sum":
                ulong total = 0;
                foreach (var entry in context.Range(Key("acct:"), Key("acct;"), 1000))
                {
                    total += BinaryPrimitives.ReadUInt64BigEndian(entry.Value);
                }

                context.PutState(Key("total"), Encode(total));
                context.Emit("sum", [Encode(total)]);
                return ContractResponse.Success(Encode(total));
            case "burn":
                var rounds = Balance(context, Text(args, 0)) * Number(args, 1);
                for (ulong i = 0; i < rounds && context.ChargeGas(1_000); i++)
                {
                }

                return ContractResponse.Success();
            case "close":
                context.DeleteState(AccountKey(Text(args, 0)));
                return ContractResponse.Success();
            default:
                return ContractResponse.Error("UNKNOWN", method);
        }
    }

    private static ContractResponse Transfer(IContractContext context, string from, string to, ulong amount)
    {
        var fromBalance = Balance(context, from);
        if (fromBalance < amount)
        {
            return ContractResponse.Error("INSUFFICIENT_FUNDS", $"{from} holds {fromBalance}, needs {amount}");
        }

        context.PutState(AccountKey(from), Encode(fromBalance - amount));
        context.PutState(AccountKey(to), Encode(Balance(context, to) + amount));
        context.Emit("transfer", [Encoding.UTF8.GetBytes(from), Encoding.UTF8.GetBytes(to), Encode(amount)]);
        return ContractResponse.Success(Encode(fromBalance - amount));
    }

    private static ulong Balance(IContractContext context, string account)
    {
        var stored = context.GetState(AccountKey(account));
        return stored is null ? StartingBalance : BinaryPrimitives.ReadUInt64BigEndian(stored);
    }

    private static byte[] AccountKey(string account) => Key("acct:" + account);

    private static byte[] Key(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Encode(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }

    private static string Text(IReadOnlyList<Arg> args, int index) => args[index].Value.ToStringUtf8();

    private static ulong Number(IReadOnlyList<Arg> args, int index) => ulong.Parse(args[index].Value.ToStringUtf8(), System.Globalization.CultureInfo.InvariantCulture);
}
