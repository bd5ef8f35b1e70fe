using System.Security.Cryptography;

namespace Switchboard.Identity.Svid;

/// <summary>
/// Random certificate serial numbers: 16 bytes from the system CSPRNG, positive, never zero. RFC 5280 §4.1.2.2
/// asks for a positive integer of at most 20 octets; CA/Browser Forum BR §7.1 asks for at least 64 random bits.
/// </summary>
public static class SerialNumber
{
    public static byte[] Next()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        // Clear the sign bit (DER INTEGER is two's complement: a set top bit would make it negative) and set the
        // next one, so the value is never zero and always encodes in exactly 16 octets: 126 random bits.
        serial[0] = (byte)((serial[0] & 0x7F) | 0x40);
        return serial;
    }
}
