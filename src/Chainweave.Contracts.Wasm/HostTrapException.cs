namespace Chainweave.Contracts.Wasm;

/// <summary>Thrown by a host import to trap the instance; the reason is kept in the call's <see cref="HostCall"/>.</summary>
internal sealed class HostTrapException : Exception
{
    public HostTrapException()
    {
    }

    public HostTrapException(string message)
        : base(message)
    {
    }

    public HostTrapException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
