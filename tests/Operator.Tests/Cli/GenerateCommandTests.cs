using System.CommandLine;
using Tern.Manifests.Crds;
using Tern.Operator.Cli;

namespace Tern.Operator.Tests.Cli;

public class GenerateCommandTests
{
    [Fact]
    public void Generate_crds_writes_the_files_into_the_given_directory()
    {
        var directory = Directory.CreateTempSubdirectory("tern-crds-");
        try
        {
            var output = new StringWriter();
            var exit = TernCli.Build().Parse(["generate", "crds", "--output-dir",
                directory.FullName]).Invoke(new InvocationConfiguration { Output = output });
            Assert.Equal(0, exit);
            foreach (var (fileName, yaml) in CrdCatalog.Render())
            {
                Assert.Equal(yaml, File.ReadAllText(Path.Combine(directory.FullName, fileName)));
                Assert.Contains(fileName, output.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
