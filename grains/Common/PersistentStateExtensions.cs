using CrmActors.GrainInterfaces.Common;
using Microsoft.Extensions.Logging;

namespace CrmActors.Grains.Common;

/// <summary>Writing grain state so that a failure never leaves a changed-but-unsaved activation behind.</summary>
public static partial class PersistentStateExtensions
{
    /// <summary>
    /// Writes the state. On failure the activation is deactivated (its memory no longer matches the
    /// database; the next call re-reads) and the caller gets a <see cref="CrmErrorCode.StorageUnavailable"/>
    /// refusal instead of a driver exception it could not decode.
    /// </summary>
    public static async Task WriteOrFailAsync<TState>(this IPersistentState<TState> state, Grain grain, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(grain);
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception ex) when (ex is not CrmException)
        {
            LogWriteFailed(logger, ex, grain.GetGrainId().ToString());
            grain.DeactivateOnIdle();
            throw new CrmException(CrmErrorCode.StorageUnavailable, "The change could not be stored; it was not saved. Retry shortly.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "State write failed for {GrainId}; deactivating so the next call re-reads")]
    private static partial void LogWriteFailed(ILogger logger, Exception ex, string grainId);
}
