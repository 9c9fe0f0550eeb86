using System.Diagnostics;
using Chainweave.Core.Errors;

namespace Chainweave.Storage.Tests;

public sealed class RocksDbKeyValueStoreTests : KeyValueStoreContractTests
{
    private readonly TempDirectory _folder = new();
    private int _opened;

    protected override IKeyValueStore CreateStore() => new RocksDbKeyValueStore(_folder.Sub($"db{_opened++}"));

    public override void Dispose()
    {
        base.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void Data_survives_dispose_and_reopen()
    {
        var path = _folder.Sub("reopen");
        using (var store = new RocksDbKeyValueStore(path))
        {
            Put(store, [1], [10], sync: true);
            Put(store, [2], [20], sync: true);
            using var batch = store.CreateBatch();
            batch.Delete([1]);
            store.Write(batch, sync: true);
        }

        using (var reopened = new RocksDbKeyValueStore(path))
        {
            Assert.Null(reopened.Get([1]));
            Assert.Equal([20], reopened.Get([2]));
            Assert.Single(reopened.Scan([0], [0xFF]));
        }
    }

    [Fact]
    public void A_second_open_of_the_same_folder_is_a_clear_error()
    {
        var path = _folder.Sub("locked");
        using var first = new RocksDbKeyValueStore(path);

        var error = Assert.Throws<ChainError>(() => new RocksDbKeyValueStore(path));

        Assert.Equal(StorageErrorCodes.StorageLocked, error.Code);
        Assert.Contains($"another node is using {first.Path}", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_folder_locked_by_another_process_is_a_clear_error()
    {
        var path = _folder.Sub("locked-elsewhere");
        new RocksDbKeyValueStore(path).Dispose();

        // Another process takes the same POSIX record lock on LOCK that RocksDB takes, as a second node would.
        var script = "import fcntl, sys\n"
            + "f = open(sys.argv[1], 'r+')\n"
            + "fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
            + "print('locked', flush=True)\n"
            + "sys.stdin.read()\n";
        var start = new ProcessStartInfo("python3", ["-c", script, System.IO.Path.Combine(path, "LOCK")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        using var holder = Process.Start(start)!;
        try
        {
            Assert.Equal("locked", holder.StandardOutput.ReadLine());

            var error = Assert.Throws<ChainError>(() => new RocksDbKeyValueStore(path));

            Assert.Equal(StorageErrorCodes.StorageLocked, error.Code);
            Assert.Contains($"another node is using {path}", error.Message, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            holder.StandardInput.Close();
            if (!holder.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                holder.Kill();
            }
        }

        using var afterRelease = new RocksDbKeyValueStore(path);
        Assert.Null(afterRelease.Get([1]));
    }

    [Fact]
    public void A_folder_that_is_not_a_database_is_a_clear_error()
    {
        var path = _folder.Sub("not-a-db");
        Directory.CreateDirectory(path);
        File.WriteAllText(System.IO.Path.Combine(path, "CURRENT"), "garbage\n");

        var error = Assert.Throws<ChainError>(() => new RocksDbKeyValueStore(path));

        Assert.Equal(ErrorCodes.StorageCorrupt, error.Code);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_waits_for_an_open_scan_and_later_calls_throw()
    {
        var store = new RocksDbKeyValueStore(_folder.Sub("scan-then-dispose"));
        Put(store, [1], [1]);
        Put(store, [2], [2]);

        using (var scan = store.Scan([0], [9]).GetEnumerator())
        {
            Assert.True(scan.MoveNext());
            var disposing = Task.Run(store.Dispose);
            await Assert.ThrowsAsync<TimeoutException>(() => disposing.WaitAsync(TimeSpan.FromMilliseconds(50)));
            Assert.True(scan.MoveNext());
            Assert.Equal([2], scan.Current.Key);
            scan.Dispose();
            await disposing.WaitAsync(TimeSpan.FromSeconds(10));
        }

        Assert.Throws<ObjectDisposedException>(() => store.Scan([0], [9]).ToList());
    }
}
