namespace Pdo.Web.Tests.Support;

/// <summary>Files that are not plain, safe workbooks, as the uploads must refuse them.</summary>
public static class BadWorkbooks
{
    /// <summary>The first bytes of an OLE container: how Excel stores a password-protected workbook (or an old .xls).</summary>
    public static readonly byte[] PasswordProtected = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];

    /// <summary>A zip whose one sheet inflates to 210 MB of zeros (a decompression bomb).</summary>
    public static async Task<byte[]> ZipBombAsync()
    {
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            archive.CreateEntry("[Content_Types].xml");
            await using var entry = archive.CreateEntry("xl/worksheets/sheet1.xml", System.IO.Compression.CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 210; i++)
            {
                await entry.WriteAsync(zeros);
            }
        }

        return zip.ToArray();
    }
}
