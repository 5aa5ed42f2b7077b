using System.CommandLine;
using System.Globalization;

namespace PoolBenchmark;

/// <summary>
/// The kinds of value the samples' options take, each with a parser that refuses a bad value in words that say what to
/// pass instead ("--workers takes a whole number above 0; got 'x'."). Shared by the benchmark's and the soak's command lines.
/// </summary>
public static class OptionValues
{
    /// <summary>Parses one value (or one part of a list); false when it is not a valid value.</summary>
    public delegate bool TryParse<T>(string text, out T value);

    public static Option<int> PositiveInt(string name, string description) =>
        Make(name, description, (string text, out int value) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value > 0, "a whole number above 0");

    public static Option<int> Count(string name, int max, string description) =>
        Make(name, description, (string text, out int value) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= 0 && value <= max, $"a whole number from 0 to {max}");

    public static Option<TimeSpan> Seconds(string name, string description) =>
        Make(name, description, (string text, out TimeSpan value) => TryParseSeconds(text, out value), "a number of seconds above 0");

    /// <summary>"90", "90s", "5m" or "1h".</summary>
    public static Option<TimeSpan> Time(string name, bool allowZero, string description) =>
        Make(name, description, (string text, out TimeSpan value) => TryParseTime(text, allowZero, out value), $"a time such as 90s, 5m or 1h{(allowZero ? " (0 turns it off)" : string.Empty)}");

    public static Option<double> Rate(string name, string description) =>
        Make(name, description, (string text, out double value) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value is >= 0 and <= 1, "a share between 0 and 1 (0.02 is 2%)");

    /// <summary>A comma-separated list: each part parsed alone, the whole refused when a part is bad or none is given.</summary>
    public static Option<IReadOnlyList<T>> List<T>(string name, string description, TryParse<T> parse, string expectation) =>
        Make(name, description, (string text, out IReadOnlyList<T> values) => TryParseList(text, parse, out values), expectation);

    /// <summary>One of <paramref name="choices"/>, any case; the value is the choice as written there.</summary>
    public static Option<string> OneOf(string name, IReadOnlyList<string> choices, string description) =>
        Make(name, description, (string text, out string value) => (value = choices.FirstOrDefault(choice => string.Equals(choice, text, StringComparison.OrdinalIgnoreCase))!) is not null, $"one of {string.Join(", ", choices)}");

    public static Option<string?> Text(string name, string valueName, string description) =>
        new(name) { Description = description, HelpName = valueName };

    /// <summary>
    /// The option's value when it was given, else the default. (Defaults are kept out of the options themselves, so that
    /// the help shows them as the descriptions word them, "default 1s", not as a TimeSpan's "00:00:01".)
    /// </summary>
    public static T ValueOr<T>(this ParseResult result, Option<T> option, T defaultValue) =>
        result.GetResult(option) is null ? defaultValue : result.GetValue(option)!;

    /// <summary>
    /// Parses a command line: an <see cref="ArgumentException"/> with the first error in the user's words, or
    /// <see cref="HelpRequestedException"/> for --help; the programs print the help and exit 2 or 0.
    /// </summary>
    public static ParseResult ParseOrThrow(RootCommand command, string[] args)
    {
        var result = command.Parse(args);
        if (result.Errors.Count > 0)
        {
            throw new ArgumentException(result.Errors[0].Message);
        }

        return result.Action is System.CommandLine.Help.HelpAction ? throw new HelpRequestedException() : result;
    }

    /// <summary>The help text a command prints for --help.</summary>
    public static string HelpOf(RootCommand command)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        command.Parse("--help").Invoke(new InvocationConfiguration { Output = output });
        return output.ToString().TrimEnd();
    }

    /// <summary>An option of one value, refused with "NAME takes EXPECTATION; got 'TEXT'." when it does not parse.</summary>
    private static Option<T> Make<T>(string name, string description, TryParse<T> parse, string expectation) =>
        new(name)
        {
            Description = description,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (parse(text, out var value))
                {
                    return value;
                }

                result.AddError($"{name} takes {expectation}; got '{text}'.");
                return default;
            },
        };

    private static bool TryParseList<T>(string text, TryParse<T> parse, out IReadOnlyList<T> values)
    {
        var parsed = new List<T>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!parse(part, out var value))
            {
                values = [];
                return false;
            }

            parsed.Add(value);
        }

        values = parsed;
        return parsed.Count > 0;
    }

    private static bool TryParseSeconds(string text, out TimeSpan value)
    {
        var ok = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds < 86_400;
        value = ok ? TimeSpan.FromSeconds(seconds) : default;
        return ok;
    }

    private static bool TryParseTime(string text, bool allowZero, out TimeSpan value)
    {
        var trimmed = text.Trim().ToLowerInvariant();
        var (number, unit) = trimmed.EndsWith('h') ? (trimmed[..^1], 3600.0)
            : trimmed.EndsWith('m') ? (trimmed[..^1], 60.0)
            : trimmed.EndsWith('s') ? (trimmed[..^1], 1.0)
            : (trimmed, 1.0);
        var ok = double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
                 && (amount > 0 || (allowZero && amount == 0)) && amount * unit <= 7 * 86_400;
        value = ok ? TimeSpan.FromSeconds(amount * unit) : default;
        return ok;
    }
}
