namespace Tern.Sandbox.Tests.Support;

/// <summary>Small manifests the tests apply: a valid one-function workflow and variations of it.</summary>
public static class Manifests
{
    public static string Workflow(string name, string regions = "[us-east-1, ca-central-1]", string extraFunctionFields = "",
        string entrypoint = "a") => $"""
        apiVersion: tern.dev/v1alpha1
        kind: ServerlessWorkflow
        metadata:
          name: {name}
          namespace: default
        spec:
          homeRegion: us-east-1
          regions: {regions}
          executionRoleArn: arn:aws:iam::123456789012:role/tern-workflow
          entrypoint: {entrypoint}
          functions:
            - name: a
              image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/a:1.0{extraFunctionFields}
        """;
}
