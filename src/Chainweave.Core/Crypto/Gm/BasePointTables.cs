namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// Precomputed multiples of the base point G, built once per process on first use and never changed:
/// the signed-window table (j·2^(7i)·G for every 7-bit window i and j = 1..64) for constant-time k·G,
/// and odd multiples of 2^(16i)·G for the verifier's width-10 wNAF, cut into 16-digit chunks.
/// </summary>
internal sealed class BasePointTables
{
    public const int WindowBits = 7;

    /// <summary>256 bits in 7-bit windows, the top one wide enough for the recoding's last carry.</summary>
    public const int Windows = 37;

    /// <summary>Signed digits lie in [-64, 64]; the table holds the multiples 1..64 of each window's base.</summary>
    public const int EntriesPerWindow = 1 << (WindowBits - 1);

    public const int GeneratorWnafWidth = 10;

    /// <summary>The verifier cuts a scalar's wNAF digits into this many chunks of <see cref="PartBits"/> positions.</summary>
    public const int SplitParts = 16;

    public const int PartBits = 256 / SplitParts;

    private static readonly Lazy<BasePointTables> Shared = new(() => new BasePointTables());

    private BasePointTables()
    {
        var jacobian = new JacobianPoint[Windows * EntriesPerWindow];
        var windowBase = Sm2Curve.G.ToJacobian();
        for (int window = 0; window < Windows; window++)
        {
            var multiple = windowBase;
            for (int digit = 1; digit <= EntriesPerWindow; digit++)
            {
                jacobian[(window * EntriesPerWindow) + digit - 1] = multiple;
                multiple = multiple.Add(windowBase);
            }

            for (int i = 0; i < WindowBits; i++)
            {
                windowBase = windowBase.Double();
            }
        }

        SignedWindow = new AffinePoint[jacobian.Length];
        JacobianPoint.ToAffine(jacobian, SignedWindow);
        SplitOddMultiples = SplitOddMultiplesOf(Sm2Curve.G, GeneratorWnafWidth);
    }

    public static BasePointTables Instance => Shared.Value;

    /// <summary>Entry [window · 64 + j - 1] is j·2^(7·window)·G.</summary>
    public AffinePoint[] SignedWindow { get; }

    /// <summary>See <see cref="SplitOddMultiplesOf"/>, for G with width 10.</summary>
    public AffinePoint[] SplitOddMultiples { get; }

    /// <summary>
    /// The odd multiples of 2^(16·part)·P for a width-<paramref name="width"/> wNAF cut into 16-digit chunks:
    /// entry [part · 2^(width-2) + i] is (2i + 1)·2^(16·part)·P. Sixteen chunks cut the doublings of a
    /// multiplication from 256 to 17.
    /// </summary>
    public static AffinePoint[] SplitOddMultiplesOf(in AffinePoint point, int width)
    {
        int perPart = 1 << (width - 2);

        // Each part's base 2^(16·part)·P and its double go affine together (one inversion), so that every
        // odd multiple below costs a mixed addition rather than a full Jacobian one.
        var bases = new JacobianPoint[2 * SplitParts];
        var partBase = point.ToJacobian();
        for (int part = 0; part < SplitParts; part++)
        {
            bases[2 * part] = partBase;
            partBase = partBase.Double();
            bases[(2 * part) + 1] = partBase;
            for (int i = 1; i < PartBits; i++)
            {
                partBase = partBase.Double();
            }
        }

        var affineBases = new AffinePoint[bases.Length];
        JacobianPoint.ToAffine(bases, affineBases);
        var jacobian = new JacobianPoint[SplitParts * perPart];
        for (int part = 0; part < SplitParts; part++)
        {
            var doubled = affineBases[(2 * part) + 1];
            jacobian[part * perPart] = affineBases[2 * part].ToJacobian();
            for (int i = 1; i < perPart; i++)
            {
                jacobian[(part * perPart) + i] = jacobian[(part * perPart) + i - 1].AddMixed(doubled);
            }
        }

        var affine = new AffinePoint[jacobian.Length];
        JacobianPoint.ToAffine(jacobian, affine);
        return affine;
    }
}
