using System.Text;
using Chainweave.Api.Ledger;

namespace Chainweave.Execution.Contracts;

/// <summary>Lookups over a call's ordered arguments; the first argument with a key wins.</summary>
public static class ArgList
{
    public static byte[]? Find(IReadOnlyList<Arg> args, string key)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (string.Equals(args[i].Key, key, StringComparison.Ordinal))
            {
                return args[i].Value.ToByteArray();
            }
        }

        return null;
    }

    public static string? FindString(IReadOnlyList<Arg> args, string key)
    {
        var value = Find(args, key);
        return value is null ? null : Encoding.UTF8.GetString(value);
    }
}
