using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HecnetJobs.Tests.Support;

/// <summary>A throwaway self-signed certificate for 127.0.0.1 and localhost, as PEM files: the server's and, as its own CA, the client's trust anchor.</summary>
public sealed class TestCertificate
{
    private TestCertificate(string certificateFile, string keyFile)
    {
        CertificateFile = certificateFile;
        KeyFile = keyFile;
    }

    public string CertificateFile { get; }

    public string KeyFile { get; }

    public static TestCertificate Create(string folder, string name = "server")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));
        Directory.CreateDirectory(folder);
        var certificateFile = Path.Combine(folder, $"{name}.crt");
        var keyFile = Path.Combine(folder, $"{name}.key");
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return new TestCertificate(certificateFile, keyFile);
    }
}
