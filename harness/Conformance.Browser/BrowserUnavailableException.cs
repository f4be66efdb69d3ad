namespace Conformance.Browser;

/// <summary>Debian's chromium is not where the harness launches it from.</summary>
public sealed class BrowserUnavailableException : Exception
{
    public BrowserUnavailableException()
        : this(Chromium.DebianPath)
    {
    }

    public BrowserUnavailableException(string executablePath)
        : base($"Debian chromium is not installed: run ./run.sh, which installs it ({executablePath} is missing).")
    {
    }

    public BrowserUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
