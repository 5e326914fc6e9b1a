namespace CrmActors.GrainInterfaces.Customers;

/// <summary>
/// One shard of a tenant's index of customer names and companies, used to offer possible duplicates
/// (different phones, similar name or company) for a human to merge. Key: "{tenant}/dir-{kind}-{bucket}".
/// The index is advisory and rebuilt by use: an entry lost in a crash only means a candidate is not offered.
/// </summary>
public interface ICustomerDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Files or refreshes a customer under this shard's key.</summary>
    [Orleans.Concurrency.OneWay]
    Task FileAsync(DirectoryEntry entry);

    /// <summary>Removes a customer (merged away).</summary>
    Task RemoveAsync(string customerId);

    /// <summary>Entries whose key is similar to <paramref name="key"/>.</summary>
    Task<IReadOnlyList<DirectoryEntry>> FindSimilarAsync(string key);
}
