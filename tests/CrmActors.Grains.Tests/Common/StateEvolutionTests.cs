using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace CrmActors.Grains.Tests.Common;

/// <summary>
/// The rules a rolling upgrade relies on (docs/OPERATIONS.md, "Upgrading"), checked on the serializer the silos store
/// grain state with: the state a version writes is read by the next one and, while both run, by the previous one again.
/// Each pair of types below is one state class as two versions of the product declare it.
/// </summary>
public sealed class StateEvolutionTests
{
    private static readonly OrleansGrainStorageSerializer Storage = new(new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>());

    /// <summary>A row written by one version (as the storage writes it: the state's declared type, no type name) read by another.</summary>
    private static TNext Read<TWritten, TNext>(TWritten written) => Storage.Deserialize<TNext>(Storage.Serialize(written))!;

    [Fact]
    public void NextVersion_ReadsTheOldState_ANewFieldTakesItsDeclaredDefault()
    {
        var read = Read<LeadStateN, LeadStateN1>(new LeadStateN { Name = "Dr. Liu", Touches = 3 });

        Assert.Equal("Dr. Liu", read.Name);
        Assert.Equal("website", read.Source);
    }

    [Fact]
    public void NextVersion_ARenamedField_KeepsItsValue_BecauseTheIdIsWhatIsStored()
    {
        Assert.Equal(3, Read<LeadStateN, LeadStateN1>(new LeadStateN { Touches = 3 }).TouchCount);
    }

    [Fact]
    public void NextVersion_AChangedDefault_DoesNotChangeAStoredValue_DefaultsAreStoredToo()
    {
        // N stored its default (0); N+1 declares 2. Without [OmitDefaultMemberValues] the 0 is in the row, so it stays 0.
        Assert.Equal(0, Read<LeadStateN, LeadStateN1>(new LeadStateN()).Attempts);
        Assert.Equal(2, new LeadStateN1().Attempts);
    }

    [Fact]
    public void PreviousVersion_ReadsTheNewState_AndItsWriteDropsWhatItDoesNotKnow()
    {
        var written = new LeadStateN1 { Name = "Dr. Liu", TouchCount = 4, Source = "trade-show", Attempts = 5 };

        var old = Read<LeadStateN1, LeadStateN>(written);
        Assert.Equal(("Dr. Liu", 4, 5), (old.Name, old.Touches, old.Attempts));

        // N writes it back: the field only N+1 knows is gone, and N+1 reads its declared default. So while both run, a
        // new field may only hold what can be lost (derived, or filled again), and nothing may depend on it until N is gone.
        Assert.Equal("website", Read<LeadStateN, LeadStateN1>(old).Source);
    }

    [Fact]
    public void NextVersion_APositionalRecordsNewParameter_IsTheTypesDefault_NotTheDeclaredOne()
    {
        // Records without a parameterless constructor are created uninitialized: the "= 30" never runs for old rows.
        var read = Read<DeadlineN, DeadlineN1>(new DeadlineN("first-touch"));

        Assert.Equal("first-touch", read.Kind);
        Assert.Equal(0, read.Minutes);
    }
}

#pragma warning disable SA1402 // Test-only state versions, kept beside the test that reads them.

/// <summary>A state class as version N declares it.</summary>
[GenerateSerializer, Alias("crm.test.evolution.LeadStateN")]
public sealed class LeadStateN
{
    [Id(0)] public string? Name { get; set; }

    [Id(1)] public int Touches { get; set; }

    [Id(2)] public int Attempts { get; set; }
}

/// <summary>The same class in N+1: field 1 renamed, field 2's default changed, field 3 added.</summary>
[GenerateSerializer, Alias("crm.test.evolution.LeadStateN1")]
public sealed class LeadStateN1
{
    [Id(0)] public string? Name { get; set; }

    [Id(1)] public int TouchCount { get; set; }

    [Id(2)] public int Attempts { get; set; } = 2;

    [Id(3)] public string Source { get; set; } = "website";
}

/// <summary>A positional record as version N declares it.</summary>
[GenerateSerializer, Alias("crm.test.evolution.DeadlineN")]
public sealed record class DeadlineN([property: Id(0)] string Kind);

/// <summary>The same record in N+1, with a parameter added at the end.</summary>
[GenerateSerializer, Alias("crm.test.evolution.DeadlineN1")]
public sealed record class DeadlineN1([property: Id(0)] string Kind, [property: Id(1)] int Minutes = 30);
#pragma warning restore SA1402
