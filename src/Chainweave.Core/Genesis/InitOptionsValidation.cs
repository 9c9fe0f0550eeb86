using Chainweave.Core.Errors;

namespace Chainweave.Core.Genesis;

/// <summary>Checks <see cref="InitOptions"/> and explains, in CLI terms, what to change.</summary>
internal static class InitOptionsValidation
{
    private const int MaxCount = 100;

    public static void Validate(InitOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Dir))
        {
            Fail("--dir is empty: give the folder to create the network in.");
        }

        if (options.Orgs < 1 || options.Orgs > MaxCount)
        {
            Fail($"--orgs must be between 1 and {MaxCount}, not {options.Orgs}.");
        }

        if (options.Nodes < 1 || options.Nodes > MaxCount)
        {
            Fail($"--nodes must be between 1 and {MaxCount}, not {options.Nodes}.");
        }

        if (options.Consensus is not ("solo" or "tbft" or "raft"))
        {
            Fail($"--consensus must be solo, tbft or raft, not '{options.Consensus}'.");
        }

        if (options.Consensus == "solo" && options.Nodes != 1)
        {
            Fail($"solo consensus runs exactly one node, but --nodes is {options.Nodes}: use --nodes 1, or --consensus tbft or raft for several nodes.");
        }

        if (options.Crypto is not ("nist" or "sm"))
        {
            Fail($"--crypto must be nist or sm, not '{options.Crypto}'.");
        }

        var lastPort = NetworkLayout.GrpcPort(options.BasePort, options.Nodes) + 2;
        if (options.BasePort < 1 || lastPort > 65535)
        {
            Fail($"--base-port {options.BasePort} does not leave room for {options.Nodes} node(s) (10 ports each) below 65536.");
        }

        if (!IsValidChainId(options.ChainId))
        {
            Fail($"--chain-id '{options.ChainId}' must be 1 to 64 letters, digits, '-', '_' or '.'.");
        }
    }

    private static bool IsValidChainId(string chainId)
    {
        if (chainId.Length is 0 or > 64)
        {
            return false;
        }

        foreach (var c in chainId)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static void Fail(string sentence) => throw new ChainError(ErrorCodes.ConfigInvalid, sentence);
}
