-- Argo CD health check for tern.dev/CarbonSource. Argo CD runs it in gopher-lua (Lua 5.1) with `obj` set to
-- the object; it returns hs.status (Healthy, Progressing, Degraded, Suspended) and hs.message.
-- Install: argocd-cm key resource.customizations.health.tern.dev_CarbonSource (see the README).
-- Ready: a usable snapshot exists (possibly kept from an earlier refresh); Stale: refreshes have failed for
-- three refresh intervals (src/Operator/Carbon/CarbonRefreshResult.cs).
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

if obj.spec ~= nil and obj.spec.suspend == true then
  hs.status = "Suspended"
  hs.message = "spec.suspend is true"
  return hs
end

local status = obj.status
if status == nil or status.conditions == nil or #status.conditions == 0 then
  hs.status = "Progressing"
  hs.message = "Waiting for the first refresh"
  return hs
end

local generation = obj.metadata.generation
if generation ~= nil and (status.observedGeneration or 0) < generation then
  hs.status = "Progressing"
  hs.message = "Waiting for Tern to observe generation " .. tostring(generation)
  return hs
end

local stale = find(status.conditions, "Stale")
if stale ~= nil and stale.status == "True" then
  hs.status = "Degraded"
  hs.message = describe(stale)
  return hs
end

local ready = find(status.conditions, "Ready")
if ready ~= nil and ready.status == "True" then
  -- A failed refresh that keeps an earlier snapshot is still usable until it turns Stale.
  hs.status = "Healthy"
  hs.message = describe(ready)
  return hs
end

if ready ~= nil and ready.status == "False" and ready.reason ~= nil and ready.reason ~= "" then
  hs.status = "Degraded"
  hs.message = describe(ready)
  return hs
end

hs.status = "Progressing"
hs.message = "Waiting for the Ready condition"
return hs
