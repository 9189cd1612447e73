using Tern.Entities.ServerlessWorkflows;
using Tern.Operator.Controllers;
using Tern.Operator.Tests.Support;

namespace Tern.Operator.Tests.Controllers;

public class WorkflowPlacementTests
{
    [Fact]
    public void Copies_are_searched_at_home_in_every_candidate_region_and_wherever_the_status_records_one()
    {
        var workflow = OperatorFixture.Example("dna-visualization");
        workflow.Spec = workflow.Spec with { Regions = ["us-east-1", "ca-central-1"] };
        // A copy made before eu-west-3 was dropped from the spec must still be found, or a delete would leak it.
        workflow.Status = new ServerlessWorkflowStatus
        {
            Deployments =
            [
                new DeployedCopy { Function = "visualize", Region = "eu-west-3", FunctionName = "dna-visualization-visualize-eu-west-3",
                    State = CopyState.Active },
            ],
        };

        Assert.Equal(["ca-central-1", "eu-west-3", "us-east-1"], WorkflowPlacement.Regions(workflow));
    }
}
