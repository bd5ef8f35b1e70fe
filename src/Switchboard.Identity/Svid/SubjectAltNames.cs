using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Switchboard.Identity.Svid;

/// <summary>
/// Reads every entry of a subjectAltName extension (RFC 5280 §4.2.1.6), typed: .NET enumerates DNS names and IP
/// addresses only, and SPIFFE IDs are URI names. Entries are rendered as <c>URI:...</c>, <c>DNS:...</c>, <c>IP:...</c>,
/// <c>email:...</c> or <c>[tag n]</c>, so typed comparison is a string comparison (no "DNS name that looks like a
/// URI" confusion, cf. CVE-2022-21656).
/// </summary>
public static class SubjectAltNames
{
    public const string SanOid = "2.5.29.17";

    /// <summary>All entries of every SAN extension in <paramref name="extensions"/>.</summary>
    public static IReadOnlyList<string> Read(IEnumerable<X509Extension> extensions) =>
        extensions.Where(e => e.Oid?.Value == SanOid).SelectMany(e => Parse(e.RawData)).ToList();

    /// <summary>The URI entries only, without the <c>URI:</c> prefix.</summary>
    public static IReadOnlyList<string> Uris(X509Certificate2 certificate) =>
        Read(certificate.Extensions).Where(n => n.StartsWith("URI:", StringComparison.Ordinal)).Select(n => n[4..]).ToList();

    /// <exception cref="AsnContentException">The extension is not a DER GeneralNames sequence.</exception>
    public static IReadOnlyList<string> Parse(ReadOnlyMemory<byte> der)
    {
        var names = new List<string>();
        var reader = new AsnReader(der, AsnEncodingRules.DER);
        var sequence = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        while (sequence.HasData)
        {
            var tag = sequence.PeekTag();
            if (tag.TagClass != TagClass.ContextSpecific)
                throw new AsnContentException("GeneralName is not context-tagged");
            names.Add(tag.TagValue switch
            {
                1 => "email:" + ReadIa5(sequence, tag),
                2 => "DNS:" + ReadIa5(sequence, tag),
                6 => "URI:" + ReadIa5(sequence, tag),
                7 => "IP:" + new IPAddress(sequence.ReadOctetString(tag)),
                _ => Skip(sequence, tag.TagValue),
            });
        }
        return names;
    }

    private static string ReadIa5(AsnReader reader, Asn1Tag tag)
    {
        // IA5String is 7-bit ASCII; an embedded NUL is refused rather than risk "victim\0evil" matching "victim".
        var text = Encoding.ASCII.GetString(reader.ReadOctetString(tag));
        if (text.Any(c => c is '\0' or > '\x7e' or < ' ')) throw new AsnContentException("SAN entry holds control or non-ASCII characters");
        return text;
    }

    private static string Skip(AsnReader reader, int tag)
    {
        reader.ReadEncodedValue();
        return $"[tag {tag}]";
    }
}
