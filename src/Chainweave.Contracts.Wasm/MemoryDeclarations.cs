namespace Chainweave.Contracts.Wasm;

/// <summary>
/// Reads the initial page counts a module declares in its memory section, so a compile refused by
/// the pooling allocator can say whether memory was the reason.
/// </summary>
internal static class MemoryDeclarations
{
    private const byte MemorySectionId = 5;

    /// <summary>The largest initial size in pages of any defined memory; 0 when none or unreadable.</summary>
    public static ulong LargestInitialPages(ReadOnlySpan<byte> module)
    {
        var at = 8; // magic + version
        while (at < module.Length)
        {
            var id = module[at++];
            if (!TryLeb(module, ref at, out var size) || size > (ulong)(module.Length - at))
            {
                return 0;
            }

            if (id == MemorySectionId)
            {
                return Largest(module.Slice(at, (int)size));
            }

            at += (int)size;
        }

        return 0;
    }

    private static ulong Largest(ReadOnlySpan<byte> section)
    {
        var at = 0;
        if (!TryLeb(section, ref at, out var count))
        {
            return 0;
        }

        ulong largest = 0;
        for (ulong i = 0; i < count && at < section.Length; i++)
        {
            var flags = section[at++];
            if (!TryLeb(section, ref at, out var minimum))
            {
                return largest;
            }

            largest = Math.Max(largest, minimum);
            if ((flags & 1) != 0 && !TryLeb(section, ref at, out _))
            {
                return largest;
            }
        }

        return largest;
    }

    private static bool TryLeb(ReadOnlySpan<byte> data, ref int at, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && at < data.Length; shift += 7)
        {
            var b = data[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }

        return false;
    }
}
