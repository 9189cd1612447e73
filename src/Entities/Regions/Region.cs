namespace Tern.Entities.Regions;

/// <summary>An AWS region of Tern's bundled catalogue.</summary>
/// <param name="Code">Region code, for example us-east-1.</param>
/// <param name="Name">AWS display name, for example US East (N. Virginia).</param>
/// <param name="Latitude">Approximate latitude in decimal degrees, north positive.</param>
/// <param name="Longitude">Approximate longitude in decimal degrees, east positive.</param>
/// <param name="DefaultZone">Electricity Maps grid zone the region is assumed to draw from.</param>
public sealed record Region(string Code, string Name, double Latitude, double Longitude, string DefaultZone);
