using System.Security.Cryptography;
using System.Text;

namespace CrmActors.GrainInterfaces.Customers;

/// <summary>Grain ids of customer references of other systems.</summary>
public static class CustomerReferences
{
    /// <summary>The id of a source system's customer reference: the same on every silo, whatever characters the reference has.</summary>
    public static string Id(string source, string reference) =>
        "xref-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{source}\n{reference}")))[..32];
}
