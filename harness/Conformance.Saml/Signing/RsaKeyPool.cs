using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Conformance.Saml.Signing;

/// <summary>
/// RSA-2048 keys generated ahead of need on a background thread. Generating one costs a few hundred milliseconds of
/// one core here, and a scenario needs one per application plus one per forged Response, while a catalogue run keeps
/// only one core busy: the other core makes the next keys. Each key is handed out once and owned by its taker.
/// </summary>
internal static class RsaKeyPool
{
    public const int KeySize = 2048;

    /// <summary>Enough for a scenario with several applications and an attacker; a few MB at most.</summary>
    private const int Depth = 6;

    private static readonly ConcurrentQueue<RSA> Ready = new();
    private static int _filling;

    /// <summary>A fresh key nobody else holds: from the pool, or generated now when the pool is empty.</summary>
    public static RSA Take()
    {
        var key = Ready.TryDequeue(out var pooled) ? pooled : Generate();
        StartFilling();
        return key;
    }

    private static void StartFilling()
    {
        if (Ready.Count >= Depth || Interlocked.CompareExchange(ref _filling, 1, 0) != 0)
        {
            return;
        }
        var filler = new Thread(Fill) { IsBackground = true, Name = "RSA key pool" };
        filler.Start();
    }

    private static void Fill()
    {
        do
        {
            while (Ready.Count < Depth)
            {
                Ready.Enqueue(Generate());
            }
            Volatile.Write(ref _filling, 0);
            // A Take between the last check and the reset found the flag set and left: look once more.
        }
        while (Ready.Count < Depth && Interlocked.CompareExchange(ref _filling, 1, 0) == 0);
    }

    /// <summary>OpenSSL generates the key on first use, not in RSA.Create: exporting the public half forces it here.</summary>
    private static RSA Generate()
    {
        var key = RSA.Create(KeySize);
        key.ExportRSAPublicKey();
        return key;
    }
}
