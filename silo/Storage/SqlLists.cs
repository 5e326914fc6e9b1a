using System.Globalization;
using System.Text;
using MySqlConnector;

namespace CrmActors.Silo.Storage;

/// <summary>Values for a SQL <c>IN (...)</c> list, each passed as its own parameter.</summary>
internal static class SqlLists
{
    /// <summary>Adds one parameter per value to <paramref name="command"/> (named <paramref name="prefix"/>0, 1, ...) and returns their names, comma-separated.</summary>
    public static string Parameters<T>(MySqlCommand command, string prefix, IEnumerable<T> values)
    {
        var names = new StringBuilder();
        var n = 0;
        foreach (var value in values)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{prefix}{n++}");
            command.Parameters.AddWithValue(name, value);
            names.Append(names.Length == 0 ? "" : ",").Append(name);
        }

        return names.ToString();
    }
}
