using CrmActors.WebApi.Imports;

namespace CrmActors.WebApi.Tests;

/// <summary>The import tally hands rows to the actor only as a settled prefix of the file: the checkpoint is a low-water mark.</summary>
public sealed class ImportTallyTests
{
    [Fact]
    public void TakeSlice_RowSettledBeforeAnEarlierOne_WaitsForIt()
    {
        var tally = new ImportTally();
        foreach (var row in new[] { 2, 3, 5, 6 })
        {
            tally.Begin(row);
        }

        Assert.Equal(0, tally.Settle(3, RowOutcome.Accepted(null)));
        Assert.Equal(0, tally.Settle(6, RowOutcome.Duplicate(null)));
        var early = tally.TakeSlice();
        Assert.Equal(2, tally.Settle(2, RowOutcome.Rejected(2, "phone", "bad phone")));
        var prefix = tally.TakeSlice();
        Assert.Equal(2, tally.Settle(5, RowOutcome.Accepted("carrier_pigeon")));
        var rest = tally.TakeSlice();

        Assert.Equal((0, 0, 0), (early.RowsRead, early.AfterRow, early.ThroughRow));
        Assert.Equal((2, 1, 0, 1, 0, 3), (prefix.RowsRead, prefix.Accepted, prefix.Duplicates, prefix.Rejected, prefix.AfterRow, prefix.ThroughRow));
        Assert.Equal(2, Assert.Single(prefix.Rejections).Row);
        Assert.Equal((2, 1, 1, 3, 6), (rest.RowsRead, rest.Accepted, rest.Duplicates, rest.AfterRow, rest.ThroughRow));
        Assert.Equal(1, rest.Unmapped["carrier_pigeon"]);
        Assert.False(tally.HasUnreported);
    }

    [Fact]
    public void TakeSlice_ResumedAfterACheckpoint_StartsThere()
    {
        var tally = new ImportTally(checkpointRow: 400);
        tally.Begin(401);
        tally.Begin(403);

        tally.Settle(403, RowOutcome.Accepted(null));
        tally.Settle(401, RowOutcome.Accepted(null));
        var slice = tally.TakeSlice();

        Assert.Equal((400, 403, 2), (slice.AfterRow, slice.ThroughRow, slice.Accepted));
        Assert.Throws<ArgumentOutOfRangeException>(() => tally.Begin(402));
    }

    [Fact]
    public void Settle_SameRowTwice_Throws()
    {
        var tally = new ImportTally();
        tally.Begin(2);
        tally.Begin(3);
        tally.Settle(3, RowOutcome.Accepted(null));

        Assert.Throws<InvalidOperationException>(() => tally.Settle(3, RowOutcome.Accepted(null)));
    }
}
