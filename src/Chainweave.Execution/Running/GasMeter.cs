namespace Chainweave.Execution.Running;

/// <summary>One transaction's gas, shared by its contract and every contract it calls.</summary>
internal sealed class GasMeter
{
    public GasMeter(ulong limit)
    {
        Limit = limit;
    }

    public ulong Limit { get; }

    public ulong Used { get; private set; }

    public bool Exhausted { get; private set; }

    public ulong Remaining => Limit - Used;

    /// <summary>False (and used = limit) once a charge does not fit.</summary>
    public bool Charge(ulong amount)
    {
        if (Exhausted)
        {
            return false;
        }

        var next = Used + amount;
        if (next > Limit || next < Used)
        {
            Used = Limit;
            Exhausted = true;
            return false;
        }

        Used = next;
        return true;
    }
}
