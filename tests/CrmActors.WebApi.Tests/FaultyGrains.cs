using System.Collections.Concurrent;
using System.Reflection;

namespace CrmActors.WebApi.Tests;

/// <summary>
/// An <see cref="IGrainFactory"/> handing out the cluster's real grains; calls to grains of one interface fail with
/// the queued exceptions first (as they would during a silo failover), then reach the real grain.
/// </summary>
public sealed class FaultyGrains
{
    private readonly ConcurrentQueue<Exception> _failures = new();
    private int _calls;

    private FaultyGrains(Type failingInterface) => FailingInterface = failingInterface;

    /// <summary>The grain interface whose calls fail.</summary>
    public Type FailingInterface { get; }

    /// <summary>Calls made to grains of <see cref="FailingInterface"/>, failed or not.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>A factory whose grains of <typeparamref name="TGrain"/> fail with what <see cref="FailNext"/> queued.</summary>
    public static FaultyGrains For<TGrain>()
        where TGrain : IAddressable => new(typeof(TGrain));

    /// <summary>The next calls fail with these, in order.</summary>
    public void FailNext(params Exception[] failures)
    {
        foreach (var failure in failures)
        {
            _failures.Enqueue(failure);
        }
    }

    /// <summary>
    /// Wraps the real factory, resolved at the first call: the Orleans client itself asks for an <see cref="IGrainFactory"/>
    /// while it is being built, so resolving the client here would wait on itself.
    /// </summary>
    public IGrainFactory Wrap(Func<IGrainFactory> real)
    {
        var proxy = DispatchProxy.Create<IGrainFactory, FactoryProxy>();
        ((FactoryProxy)(object)proxy).Init(real, this);
        return proxy;
    }

    private object? Call(MethodInfo method, object real, object?[]? args)
    {
        Interlocked.Increment(ref _calls);
        if (_failures.TryDequeue(out var failure))
        {
            return Faulted(method.ReturnType, failure);
        }

        try
        {
            return method.Invoke(real, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
    }

    private static object Faulted(Type returnType, Exception failure)
    {
        if (returnType == typeof(Task))
        {
            return Task.FromException(failure);
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            var fromException = typeof(Task).GetMethods().Single(m => m.Name == nameof(Task.FromException) && m.IsGenericMethodDefinition);
            return fromException.MakeGenericMethod(returnType.GetGenericArguments()[0]).Invoke(null, [failure])!;
        }

        throw new NotSupportedException($"Cannot fail a call returning {returnType}.");
    }

    /// <summary>The factory: real answers, with grains of the failing interface wrapped.</summary>
    public class FactoryProxy : DispatchProxy
    {
        private Lazy<IGrainFactory> _real = null!;
        private FaultyGrains _owner = null!;

        internal void Init(Func<IGrainFactory> real, FaultyGrains owner) => (_real, _owner) = (new Lazy<IGrainFactory>(real), owner);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            var result = targetMethod.Invoke(_real.Value, args);
            if (result is null || targetMethod.ReturnType != _owner.FailingInterface)
            {
                return result;
            }

            var grain = DispatchProxy.Create(_owner.FailingInterface, typeof(GrainProxy));
            ((GrainProxy)grain).Init(result, _owner);
            return grain;
        }
    }

    /// <summary>One grain: each call may fail with the next queued exception.</summary>
    public class GrainProxy : DispatchProxy
    {
        private object _real = null!;
        private FaultyGrains _owner = null!;

        internal void Init(object real, FaultyGrains owner) => (_real, _owner) = (real, owner);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            return _owner.Call(targetMethod, _real, args);
        }
    }
}
