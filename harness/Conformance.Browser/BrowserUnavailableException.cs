namespace Conformance.Browser;

/// <summary>Debian's chromium is not where the harness launches it from.</summary>
public sealed class BrowserUnavailableException : Exception
{
    public BrowserUnavailableException()
        : this(Chromium.Path)
    {
    }

    public BrowserUnavailableException(string executablePath)
        : base($"Chromium is not installed: run ./run.sh, which installs Debian's chromium, or set CONFORMANCE_CHROMIUM to a Chromium or Chrome binary ({executablePath} is missing).")
    {
    }

    public BrowserUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
