using Mentia.Core.Sweeps;
using Xunit;

namespace Mentia.Core.Tests.Sweeps;

/// <summary>The sweep-id rule: every id the generator makes passes it; paths, empty ids and control characters do not.</summary>
public class SweepIdsTests
{
    [Theory]
    [InlineData("quick")]
    [InlineData("Paper.v2_final-3")]
    [InlineData("a")]
    [InlineData("-lead")]
    [InlineData(".hidden")]
    [InlineData("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")] // the longest name a spec allows (64)
    public void Every_id_the_generator_makes_from_an_allowed_name_is_valid(string name)
    {
        var id = SweepIds.For(name, "name: " + name + "\nseed: 1\n");
        Assert.Null(SweepIds.Validate(id));
        Assert.True(SweepIds.IsValid(id));
    }

    [Theory]
    [InlineData("../../etc", "'/' is not allowed")]
    [InlineData("a\\b", "'\\' is not allowed")]
    [InlineData("", "it is empty")]
    [InlineData("..", "it has no letter or digit")]
    [InlineData("-._", "it has no letter or digit")]
    [InlineData("two words", "a space is not allowed")]
    [InlineData("tab\there", "the character U+0009 is not allowed")]
    [InlineData("quick-0123456789?x=1", "'?' is not allowed")]
    [InlineData("caf\u00e9", "'\u00e9' is not allowed")]
    public void Ids_outside_the_rule_are_refused_naming_the_problem(string id, string problem)
    {
        Assert.Equal(problem, SweepIds.Validate(id));
        Assert.False(SweepIds.IsValid(id));
    }

    [Fact]
    public void Null_and_overlong_ids_are_refused()
    {
        Assert.Equal("it is empty", SweepIds.Validate(null));
        Assert.Null(SweepIds.Validate(new string('a', SweepIds.MaxLength)));
        Assert.Equal($"it is {SweepIds.MaxLength + 1} characters long; at most {SweepIds.MaxLength}", SweepIds.Validate(new string('a', SweepIds.MaxLength + 1)));
    }

    [Fact]
    public void A_quoted_id_stays_one_short_line()
    {
        Assert.Equal("'a\\u000ab'", SweepIds.Quote("a\nb"));
        Assert.Equal(65, SweepIds.Quote(new string('x', 500)).Length); // 60 characters, "...", two quotes
    }
}
