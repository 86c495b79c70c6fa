using NeuralStyle.Web.Jobs;

namespace NeuralStyle.Tests.Web;

public sealed class JobQueueTests
{
    [Fact]
    public void SubmittersTakeTurnsAndEachKeepsTheirOwnOrder()
    {
        var queue = new JobQueue();
        var (a1, a2, a3, b1, c1, b2) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        queue.Enqueue(a1, "alice");
        queue.Enqueue(a2, "alice");
        queue.Enqueue(a3, "alice");
        queue.Enqueue(b1, "bob");
        queue.Enqueue(c1, "carol");
        queue.Enqueue(b2, "bob");

        Assert.Equal([a1, b1, c1, a2, b2, a3], queue.Snapshot());
        Assert.Equal(4, queue.PositionOf(a2));
        var taken = Enumerable.Range(0, 6).Select(_ => queue.Take(CancellationToken.None)).ToList();
        Assert.Equal([a1, b1, c1, a2, b2, a3], taken);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void ALateSubmitterWaitsOnlyForOneJobOfEachOtherSubmitter()
    {
        var queue = new JobQueue();
        var alice = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        alice.ForEach(id => queue.Enqueue(id, "alice"));
        Assert.Equal(alice[0], queue.Take(CancellationToken.None));

        var bob = Guid.NewGuid();
        queue.Enqueue(bob, "bob");

        Assert.Equal(2, queue.PositionOf(bob));
    }

    [Fact]
    public void RemovedJobIsNeverHandedOut()
    {
        var queue = new JobQueue();
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        queue.Enqueue(first, "alice");
        queue.Enqueue(second, "alice");

        Assert.True(queue.Remove(first));
        Assert.False(queue.Remove(first));
        Assert.Null(queue.PositionOf(first));
        Assert.Equal(second, queue.Take(CancellationToken.None));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        Assert.ThrowsAny<OperationCanceledException>(() => queue.Take(timeout.Token));
    }
}
