using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Chainweave.Execution.Scheduling;

/// <summary>
/// Dedicated threads that run contract code. Nested contract calls each enter WebAssembly with their
/// own stack budget on the calling thread's native stack, deeper than a thread-pool thread allows, so
/// block execution runs here, on threads with large stacks, and never on the caller's thread.
/// </summary>
public sealed class ExecutionWorkers : IDisposable
{
    /// <summary>Eight nested calls of 128 KiB of wasm stack each, with the host frames between them and ample margin.</summary>
    public const int DefaultStackBytes = 16 * 1024 * 1024;

    private readonly BlockingCollection<WorkItem> _queue = [];
    private readonly Thread[] _threads;

    public ExecutionWorkers(int count, int stackBytes = DefaultStackBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _threads = new Thread[count];
        for (var i = 0; i < count; i++)
        {
            _threads[i] = new Thread(Loop, stackBytes) { IsBackground = true, Name = $"chainweave-exec-{i}" };
            _threads[i].Start();
        }
    }

    /// <summary>One worker per core.</summary>
    public static ExecutionWorkers ForThisMachine() => new(Environment.ProcessorCount);

    public int Count => _threads.Length;

    /// <summary>Runs <paramref name="body"/>(i) for i in [0, parallelism) on workers at once; returns when all return, rethrowing the first failure.</summary>
    public void Run(int parallelism, Action<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        ObjectDisposedException.ThrowIf(_queue.IsAddingCompleted, this);
        parallelism = Math.Clamp(parallelism, 1, _threads.Length);
        using var batch = new Batch(parallelism);
        for (var i = 0; i < parallelism; i++)
        {
            _queue.Add(new WorkItem(batch, body, i));
        }

        batch.Done.Wait();
        batch.Failure?.Throw();
    }

    public void Dispose()
    {
        if (_queue.IsAddingCompleted)
        {
            return;
        }

        _queue.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _queue.Dispose();
    }

    private void Loop()
    {
        foreach (var item in _queue.GetConsumingEnumerable())
        {
            try
            {
                item.Body(item.Index);
            }
            catch (Exception ex)
            {
                item.Batch.Fail(ex);
            }
            finally
            {
                item.Batch.Done.Signal();
            }
        }
    }

    private readonly record struct WorkItem(Batch Batch, Action<int> Body, int Index);

    private sealed class Batch(int count) : IDisposable
    {
        private ExceptionDispatchInfo? _failure;

        public CountdownEvent Done { get; } = new(count);

        public ExceptionDispatchInfo? Failure => Volatile.Read(ref _failure);

        public void Fail(Exception ex) => Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(ex), null);

        public void Dispose() => Done.Dispose();
    }
}
