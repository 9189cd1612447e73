-- Runs an Argo CD health script as Argo CD does: `obj` is the object, and only the libraries Argo CD's
-- gopher-lua sandbox offers are visible (no io, os, require, load or dofile). Prints status and message.
-- lua5.1 harness.lua SCRIPT OBJECT   (OBJECT: a Lua file that returns the object as a table)
local script = assert(loadfile(arg[1]))
local object = assert(loadfile(arg[2]))()
local environment = {
  obj = object, ipairs = ipairs, pairs = pairs, next = next, type = type, tostring = tostring,
  tonumber = tonumber, select = select, error = error, pcall = pcall, unpack = unpack,
  string = string, table = table, math = math,
}
setfenv(script, environment)
local hs = script()
io.write(tostring(hs.status), "\n", tostring(hs.message), "\n")
