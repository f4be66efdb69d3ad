using Conformance.Results;
using Conformance.Scenarios.Loading;
using Conformance.Scenarios.Model;
using Conformance.Scenarios.Running;

namespace Conformance.Scenarios.Tests.Running;

public sealed class ShardingTests
{
    private static readonly IReadOnlyList<Scenario> Catalogue = [.. Enumerable.Range(1, 20).Select(i => new Scenario
    {
        Id = $"s.{i:D2}",
        Title = "t",
        Area = Area.Sso,
        Location = new SourceLocation("f.yaml", 1, 1),
    })];

    [Test]
    public void Select_ThreeShards_TogetherRunEachScenarioExactlyOnce()
    {
        var ids = Enumerable.Range(1, 3).SelectMany(i => Sharding.Select(Catalogue.Reverse(), i, 3)).Select(s => s.Id).ToList();

        Assert.That(ids, Is.EquivalentTo(Catalogue.Select(s => s.Id)));
        Assert.That(ids, Is.Unique);
    }

    [Test]
    public void Select_ThreeShards_AreBalanced()
    {
        var sizes = Enumerable.Range(1, 3).Select(i => Sharding.Select(Catalogue, i, 3).Count);

        Assert.That(sizes, Is.EqualTo(new[] { 7, 7, 6 }));
    }

    [TestCase("0/3")]
    [TestCase("4/3")]
    [TestCase("1-3")]
    [TestCase("a/b")]
    public void Parse_WithBadShard_IsBadInput(string text)
    {
        Assert.That(() => Sharding.Parse(text), Throws.TypeOf<InputException>().With.Message.Contains("expected i/n"));
    }
}
