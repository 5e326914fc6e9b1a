namespace CrmActors.GrainInterfaces.Common;

/// <summary>
/// A persisted state that asks for its grain to be woken at <see cref="WakeUpAt"/>. Storage that supports it
/// (the silo's group-commit provider) stores the instant in the same row write as the state, and a sweeper
/// calls <see cref="IWakeUpGrain.WakeUpAsync"/> once it has passed: a durable "finish this later" that costs
/// no write of its own, for work that follows an acknowledged write (an outbox).
/// </summary>
public interface IWakeUpState
{
    /// <summary>When the grain wants to be woken; null when it has nothing left to finish.</summary>
    DateTimeOffset? WakeUpAt { get; }
}

/// <summary>A grain whose state can ask to be woken (<see cref="IWakeUpState"/>).</summary>
public interface IWakeUpGrain : IGrain
{
    /// <summary>Finishes what the state says is left to do and moves or clears its wake-up; safe to repeat.</summary>
    Task WakeUpAsync();
}
