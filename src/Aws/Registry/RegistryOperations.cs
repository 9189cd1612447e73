using Tern.Aws.Http;

namespace Tern.Aws.Registry;

/// <summary>The registry API calls the copier makes, each with the IAM action ECR authorises it by.</summary>
public static class RegistryOperations
{
    public static readonly AwsOperation GetManifest = new("registry", "GetManifest", "ecr:BatchGetImage");
    public static readonly AwsOperation HeadManifest = new("registry", "HeadManifest", "ecr:BatchGetImage");
    public static readonly AwsOperation HeadBlob = new("registry", "HeadBlob", "ecr:BatchCheckLayerAvailability");
    public static readonly AwsOperation GetBlob = new("registry", "GetBlob", "ecr:GetDownloadUrlForLayer");
    public static readonly AwsOperation StartUpload = new("registry", "StartUpload", "ecr:InitiateLayerUpload");
    public static readonly AwsOperation UploadChunk = new("registry", "UploadChunk", "ecr:UploadLayerPart");
    public static readonly AwsOperation CompleteUpload = new("registry", "CompleteUpload", "ecr:CompleteLayerUpload");
    public static readonly AwsOperation PutManifest = new("registry", "PutManifest", "ecr:PutImage");

    public static IReadOnlyList<AwsOperation> All { get; } =
        [GetManifest, HeadManifest, HeadBlob, GetBlob, StartUpload, UploadChunk, CompleteUpload, PutManifest];
}
