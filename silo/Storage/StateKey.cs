using System.Security.Cryptography;
using System.Text;

namespace CrmActors.Silo.Storage;

/// <summary>The primary key of a grain's stored state: SHA-256 over service, state name and grain id.</summary>
public readonly record struct StateKey(string ServiceId, string StateName, string GrainId)
{
    /// <summary>The 32-byte key_hash column value.</summary>
    public byte[] Hash()
    {
        var text = string.Join('\u001F', ServiceId, StateName, GrainId);
        return SHA256.HashData(Encoding.UTF8.GetBytes(text));
    }
}
