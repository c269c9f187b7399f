namespace Mentia.Analysis.Phases;

/// <summary>The phases of science.md, plus "undecided" where the data cannot tell.</summary>
public enum Phase
{
    /// <summary>alpha &lt; 0: more data, lower loss.</summary>
    Eumentia,
    /// <summary>alpha &gt; 0: more data, higher loss.</summary>
    Dementia,
    /// <summary>alpha ~ 0 with the loss at chance level ln 10 for every N.</summary>
    Amentia,
    /// <summary>alpha ~ 0 away from chance, or no alpha.</summary>
    Undecided,
}
