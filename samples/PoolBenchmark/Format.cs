namespace PoolBenchmark;

/// <summary>How the console lines and the report write a measured figure, with "n/a" where there is none.</summary>
public static class Format
{
    public static string Ms(double? value) => value is { } ms ? (ms < 10 ? $"{ms:0.00} ms" : $"{ms:N0} ms") : "n/a";

    public static string Us(double? value) => value is { } us ? (us < 10 ? $"{us:0.0} µs" : $"{us:N0} µs") : "n/a";

    public static string Bytes(double? value) => value is { } bytes ? $"{bytes:N0} B" : "n/a";

    public static string Number(double? value) => value is { } number ? $"{number:0.00}" : "n/a";
}
