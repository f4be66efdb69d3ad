using System.Reflection;
using Conformance.Scenarios.Checks;

namespace Conformance.Scenarios.Steps;

/// <summary>Actions or conditions by name, found by scanning assemblies for concrete implementations.</summary>
public sealed class Registry<T> where T : class
{
    private readonly SortedDictionary<string, T> _byName = new(StringComparer.Ordinal);

    public Registry(IEnumerable<Assembly> assemblies)
    {
        foreach (var type in assemblies.Distinct().SelectMany(a => a.GetTypes())
                     .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(T).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null))
        {
            var item = (T)Activator.CreateInstance(type)!;
            var name = NameOf(item);
            if (!_byName.TryAdd(name, item))
            {
                throw new InvalidOperationException($"Two implementations are named '{name}': {_byName[name].GetType().Name} and {type.Name}.");
            }
        }
    }

    public IReadOnlyCollection<string> Names => _byName.Keys;
    public IEnumerable<T> All => _byName.Values;

    public T? Find(string name) => _byName.GetValueOrDefault(name);

    private static string NameOf(T item) => item switch
    {
        IStepAction a => a.Name,
        ICondition c => c.Name,
        _ => throw new InvalidOperationException($"{typeof(T).Name} has no name."),
    };
}

/// <summary>The actions and conditions scenarios can use.</summary>
public sealed class StepLibrary(Registry<IStepAction> actions, Registry<ICondition> conditions)
{
    public Registry<IStepAction> Actions => actions;
    public Registry<ICondition> Conditions => conditions;

    /// <summary>Everything in this assembly and the given ones.</summary>
    public static StepLibrary Discover(params Assembly[] more)
    {
        Assembly[] assemblies = [typeof(StepLibrary).Assembly, .. more];
        return new StepLibrary(new Registry<IStepAction>(assemblies), new Registry<ICondition>(assemblies));
    }
}
