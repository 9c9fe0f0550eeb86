using System.Numerics;
using Chainweave.Core.Crypto.Gm;
using CsCheck;
using static Chainweave.Core.Tests.Gm.GmReference;

namespace Chainweave.Core.Tests.Gm;

/// <summary>
/// The verifier's comparison of x1 mod n with r - e in Jacobian coordinates. An x1 in [n, p) occurs in about
/// one verification in 2^128, so the wrap case is built here directly: X = x1·Z^2 for a random Z.
/// </summary>
public class ProjectiveRCheckTests
{
    private static readonly Gen<BigInteger> NonZero = Below(P).Where(z => !z.IsZero);

    [Fact]
    public void Any_x1_matches_its_residue_modulo_n_and_not_its_neighbour()
    {
        Gen.Select(Below(P), NonZero).Sample(
            (x1, z) =>
            {
                var point = WithAffineX(x1, z);
                Assert.True(Sm2PublicKey.AffineXMatches(point, ToU256(x1 % N)));
                Assert.False(Sm2PublicKey.AffineXMatches(point, ToU256((x1 + 1) % N)));
            },
            iter: 300);
    }

    [Fact]
    public void An_x1_at_or_above_n_matches_x1_minus_n()
    {
        var gap = P - N;
        Gen.Select(Below(gap), NonZero).Sample(
            (offset, z) =>
            {
                var x1 = N + offset;
                var point = WithAffineX(x1, z);
                Assert.True(Sm2PublicKey.AffineXMatches(point, ToU256(offset)));
                Assert.False(Sm2PublicKey.AffineXMatches(point, ToU256((offset + 1) % N)));
            },
            iter: 300);

        // The edges of the wrap: x1 = n (candidate 0) and x1 = p - 1 (the largest x).
        Assert.True(Sm2PublicKey.AffineXMatches(WithAffineX(N, 5), ToU256(BigInteger.Zero)));
        Assert.True(Sm2PublicKey.AffineXMatches(WithAffineX(P - 1, 7), ToU256(P - 1 - N)));
    }

    [Fact]
    public void A_candidate_whose_wrap_is_not_below_p_matches_only_itself()
    {
        // candidate + n >= p: the only x1 with that residue is the candidate itself.
        var candidate = P - N + 3;
        Assert.True(Sm2PublicKey.AffineXMatches(WithAffineX(candidate, 11), ToU256(candidate)));
        Assert.False(Sm2PublicKey.AffineXMatches(WithAffineX((candidate + N) % P, 11), ToU256(candidate)));
    }

    private static JacobianPoint WithAffineX(BigInteger x1, BigInteger z)
    {
        var zElement = FieldElement.FromInteger(ToU256(z));
        var x = FieldElement.FromInteger(ToU256(x1)) * zElement.Square();
        return new JacobianPoint(x, FieldElement.One, zElement);
    }
}
