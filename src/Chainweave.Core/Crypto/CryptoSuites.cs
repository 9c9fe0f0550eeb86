using Chainweave.Core.Errors;

namespace Chainweave.Core.Crypto;

/// <summary>Turns a chain's configured suite name into its implementation.</summary>
public static class CryptoSuites
{
    /// <summary>Returns a new suite for "nist" or "sm"; throws ChainError(CONFIG_INVALID) for any other name.</summary>
    public static ICryptoSuite Get(string name) => name switch
    {
        NistSuite.SuiteName => new NistSuite(),
        SmSuite.SuiteName => new SmSuite(),
        _ => throw new ChainError(
            ErrorCodes.ConfigInvalid,
            $"Unknown crypto suite '{name}': the valid values are \"{NistSuite.SuiteName}\" (ECDSA P-256, SHA-256, AES-256-GCM) and \"{SmSuite.SuiteName}\" (SM2, SM3, SM4-GCM)."),
    };
}
