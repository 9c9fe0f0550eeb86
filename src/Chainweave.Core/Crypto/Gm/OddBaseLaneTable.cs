namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// The generator's table for the eight-lane s·G: (2m + 1)·2^(8w)·G for the 32 windows w of 8 bits and m &lt; 128,
/// in lane form at entry 128w + m. Built once per process on the first batch verification (4,096 scalar
/// additions, 256 doublings and one batch inversion, a few milliseconds; about 880 KB) and never changed.
/// </summary>
internal static class OddBaseLaneTable
{
    public const int WindowBits = 8;

    public const int Windows = 256 / WindowBits;

    /// <summary>The odd multiples 1, 3, …, 255 of each window's base.</summary>
    public const int EntriesPerWindow = 1 << (WindowBits - 1);

    private static readonly Lazy<AffineLaneTable> Shared = new(Build);

    public static AffineLaneTable Instance => Shared.Value;

    private static AffineLaneTable Build()
    {
        var jacobian = new JacobianPoint[Windows * EntriesPerWindow];
        var windowBase = Sm2Curve.G.ToJacobian();
        for (int window = 0; window < Windows; window++)
        {
            var twice = windowBase.Double();
            int first = window * EntriesPerWindow;
            jacobian[first] = windowBase;
            for (int m = 1; m < EntriesPerWindow; m++)
            {
                jacobian[first + m] = jacobian[first + m - 1].Add(twice);
            }

            for (int i = 0; i < WindowBits; i++)
            {
                windowBase = windowBase.Double();
            }
        }

        var affine = new AffinePoint[jacobian.Length];
        JacobianPoint.ToAffine(jacobian, affine);
        return new AffineLaneTable(affine);
    }
}
