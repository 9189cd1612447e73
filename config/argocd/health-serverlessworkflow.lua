-- Argo CD health check for tern.dev/ServerlessWorkflow. Argo CD runs it in gopher-lua (Lua 5.1) with `obj`
-- set to the object; it returns hs.status (Healthy, Progressing, Degraded, Suspended) and hs.message.
-- Install: argocd-cm key resource.customizations.health.tern.dev_ServerlessWorkflow (see the README).
-- The condition reasons are the ones src/Operator/Controllers/WorkflowStatusBuilder.cs writes.
local hs = {}

local function find(conditions, conditionType)
  if conditions == nil then
    return nil
  end
  for _, condition in ipairs(conditions) do
    if condition.type == conditionType then
      return condition
    end
  end
  return nil
end

local function describe(condition)
  if condition.message ~= nil and condition.message ~= "" then
    return condition.reason .. ": " .. condition.message
  end
  return condition.reason
end

-- Reasons of Ready=False that no waiting mends: the spec or the cloud needs a person.
local failures = { InvalidSpec = true, PlanFailed = true, DeploymentFailed = true }

if obj.spec ~= nil and obj.spec.suspend == true then
  hs.status = "Suspended"
  hs.message = "spec.suspend is true: Tern neither plans nor changes copies"
  return hs
end

local status = obj.status
if status == nil or status.conditions == nil or #status.conditions == 0 then
  hs.status = "Progressing"
  hs.message = "Waiting for Tern to reconcile the workflow"
  return hs
end

local generation = obj.metadata.generation
local ready = find(status.conditions, "Ready")
if generation ~= nil and ((status.observedGeneration or 0) < generation
    or (ready ~= nil and ready.observedGeneration ~= nil and ready.observedGeneration < generation)) then
  hs.status = "Progressing"
  hs.message = "Waiting for Tern to observe generation " .. tostring(generation)
  return hs
end

local degraded = find(status.conditions, "Degraded")
if degraded ~= nil and degraded.status == "True" then
  hs.status = "Degraded"
  hs.message = describe(degraded)
  return hs
end

if ready == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the Ready condition"
  return hs
end

if ready.status == "True" then
  hs.status = "Healthy"
  hs.message = describe(ready)
  return hs
end

if ready.status == "False" and failures[ready.reason] then
  hs.status = "Degraded"
  hs.message = describe(ready)
  return hs
end

-- Copies deploying, or any other transient state.
hs.status = "Progressing"
hs.message = describe(ready)
return hs
