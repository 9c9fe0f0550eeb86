namespace Chainweave.Core.Crypto;

/// <summary>One signature to check: what <see cref="IVerifier.Verify"/> would be called with.</summary>
public readonly record struct SignatureJob(IVerifier Verifier, ReadOnlyMemory<byte> Data, ReadOnlyMemory<byte> Signature);

/// <summary>
/// Checks many signatures together, for callers that hold a batch anyway (a peer's gossiped transactions, a
/// block's). SM2 keys of the project's own implementation are verified by <see cref="Gm.Sm2BatchVerifier"/>,
/// eight per AVX-512 pass on one core; any other verifier checks its signatures one by one. The result of
/// every job equals its verifier's <see cref="IVerifier.Verify"/>.
/// </summary>
public static class SignatureBatch
{
    public static void VerifyAll(ReadOnlySpan<SignatureJob> jobs, Span<SignatureCheck> results)
    {
        if (results.Length != jobs.Length)
        {
            throw new ArgumentException("jobs and results must have the same length.", nameof(results));
        }

        int smCount = 0;
        for (int i = 0; i < jobs.Length; i++)
        {
            if (jobs[i].Verifier is SmVerifier)
            {
                smCount++;
            }
            else
            {
                results[i] = jobs[i].Verifier.Verify(jobs[i].Data.Span, jobs[i].Signature.Span);
            }
        }

        if (smCount > 0)
        {
            VerifySm(jobs, results, smCount);
        }
    }

    /// <summary>The SM2 jobs: DER signatures decoded to r || s here, malformed ones answered at once, the rest verified together.</summary>
    private static void VerifySm(ReadOnlySpan<SignatureJob> jobs, Span<SignatureCheck> results, int smCount)
    {
        var keys = new Gm.Sm2PublicKey[smCount];
        var messages = new ReadOnlyMemory<byte>[smCount];
        var signatures = new ReadOnlyMemory<byte>[smCount];
        var jobIndex = new int[smCount];
        var rawSignatures = new byte[smCount * Gm.Sm2.SignatureSize];
        int count = 0;
        for (int i = 0; i < jobs.Length; i++)
        {
            if (jobs[i].Verifier is not SmVerifier verifier)
            {
                continue;
            }

            var raw = rawSignatures.AsMemory(count * Gm.Sm2.SignatureSize, Gm.Sm2.SignatureSize);
            if (!SmVerifier.TryDecodeSignature(jobs[i].Signature.Span, raw.Span))
            {
                results[i] = SignatureCheck.Malformed;
                continue;
            }

            keys[count] = verifier.Key;
            messages[count] = jobs[i].Data;
            signatures[count] = raw;
            jobIndex[count] = i;
            count++;
        }

        var valid = new bool[count];
        Gm.Sm2BatchVerifier.Verify(keys.AsSpan(0, count), messages.AsSpan(0, count), signatures.AsSpan(0, count), valid);
        for (int k = 0; k < count; k++)
        {
            results[jobIndex[k]] = valid[k] ? SignatureCheck.Valid : SignatureCheck.Invalid;
        }
    }
}
