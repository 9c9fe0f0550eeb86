namespace Chainweave.Core.Crypto;

/// <summary>
/// Strict DER codec for ECDSA/SM2 signatures, SEQUENCE { r INTEGER, s INTEGER } with 256-bit scalars.
/// Only the one canonical encoding of each (r, s) is accepted, so a signature's bytes cannot be varied
/// without changing its meaning.
/// </summary>
internal static class DerSignature
{
    private const byte SequenceTag = 0x30;
    private const byte IntegerTag = 0x02;
    private const int ScalarSize = CurveOrders.ScalarSize;

    /// <summary>Header of the SEQUENCE and two INTEGERs of at most 33 content bytes; below 128, so lengths are always short-form.</summary>
    public const int MaxEncodedSize = 2 + (2 * (2 + ScalarSize + 1));

    /// <summary>
    /// Reads r and s into 32-byte big-endian buffers. False unless the input is canonical DER with
    /// nothing after it and 0 &lt; r, s &lt; order.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> der, ReadOnlySpan<byte> order, Span<byte> r, Span<byte> s)
    {
        if (der.Length < 8 || der.Length > MaxEncodedSize || der[0] != SequenceTag || der[1] != der.Length - 2)
        {
            return false;
        }

        var rest = der[2..];
        return TryReadInteger(ref rest, r)
            && TryReadInteger(ref rest, s)
            && rest.IsEmpty
            && IsInRange(r, order)
            && IsInRange(s, order);
    }

    /// <summary>Encodes 32-byte big-endian r and s as the canonical DER SEQUENCE.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> r, ReadOnlySpan<byte> s)
    {
        r = TrimLeadingZeros(r);
        s = TrimLeadingZeros(s);
        int rLength = EncodedIntegerLength(r);
        int sLength = EncodedIntegerLength(s);
        var der = new byte[2 + 2 + rLength + 2 + sLength];
        der[0] = SequenceTag;
        der[1] = (byte)(der.Length - 2);
        int offset = WriteInteger(der, 2, r, rLength);
        WriteInteger(der, offset, s, sLength);
        return der;
    }

    private static bool TryReadInteger(ref ReadOnlySpan<byte> input, Span<byte> destination)
    {
        if (input.Length < 3 || input[0] != IntegerTag)
        {
            return false;
        }

        int length = input[1];
        if (length == 0 || length > ScalarSize + 1 || input.Length < 2 + length)
        {
            return false;
        }

        var content = input.Slice(2, length);
        if ((content[0] & 0x80) != 0)
        {
            return false; // negative
        }

        if (content[0] == 0 && length > 1)
        {
            if ((content[1] & 0x80) == 0)
            {
                return false; // a leading zero byte is only allowed before a high bit
            }

            content = content[1..];
        }

        if (content.Length > ScalarSize)
        {
            return false;
        }

        destination.Clear();
        content.CopyTo(destination[(ScalarSize - content.Length)..]);
        input = input[(2 + length)..];
        return true;
    }

    private static bool IsInRange(ReadOnlySpan<byte> value, ReadOnlySpan<byte> order) =>
        value.ContainsAnyExcept((byte)0) && value.SequenceCompareTo(order) < 0;

    private static ReadOnlySpan<byte> TrimLeadingZeros(ReadOnlySpan<byte> value)
    {
        int first = value.IndexOfAnyExcept((byte)0);
        return first < 0 ? value[^1..] : value[first..];
    }

    private static int EncodedIntegerLength(ReadOnlySpan<byte> trimmed) => trimmed.Length + (trimmed[0] >= 0x80 ? 1 : 0);

    private static int WriteInteger(byte[] der, int offset, ReadOnlySpan<byte> trimmed, int encodedLength)
    {
        der[offset] = IntegerTag;
        der[offset + 1] = (byte)encodedLength;
        trimmed.CopyTo(der.AsSpan(offset + 2 + encodedLength - trimmed.Length));
        return offset + 2 + encodedLength;
    }
}
