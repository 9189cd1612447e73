using System.Text.RegularExpressions;
using Tern.Entities.CarbonSources;
using Tern.Entities.Regions;

namespace Tern.Entities.Validation;

/// <summary>Checks a CarbonSource: the chosen provider's settings, durations and zone overrides.
/// Every problem is reported, not only the first.</summary>
public sealed partial class CarbonSourceValidator(RegionCatalogue catalogue)
{
    private static readonly TimeSpan MinRefreshInterval = TimeSpan.FromMinutes(1);
    // Every hour of the day needs a reading before the hour-of-day profile is complete.
    private static readonly TimeSpan MinHistoryWindow = TimeSpan.FromDays(1);

    /// <summary>Every problem of the carbon source; empty when it is valid.</summary>
    public IReadOnlyList<ValidationError> Validate(CarbonSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var errors = new List<ValidationError>();
        MetadataRules.CheckName(source.Metadata?.Name ?? "", "a CarbonSource", KubernetesNames.IsDns1123Subdomain,
            "a DNS-1123 subdomain (lower-case letters, digits, '-' and '.')", errors);
        var spec = source.Spec ?? new CarbonSourceSpec();
        CheckProvider(spec, errors);
        CheckDuration("spec.refreshInterval", spec.RefreshInterval, MinRefreshInterval, "15m or 1h", errors);
        CheckDuration("spec.historyWindow", spec.HistoryWindow, MinHistoryWindow, "7d", errors);
        CheckZoneOverrides(spec.ZoneOverrides, errors);
        return errors;
    }

    private static void CheckProvider(CarbonSourceSpec spec, List<ValidationError> errors)
    {
        switch (spec.Provider)
        {
            case CarbonProvider.ElectricityMaps when spec.ElectricityMaps is null:
                errors.Add(Missing("electricityMaps", "ElectricityMaps", "tokenSecretRef: {name: electricitymaps, key: token}"));
                break;
            case CarbonProvider.ElectricityMaps:
                CheckEndpoint("spec.electricityMaps.endpoint", spec.ElectricityMaps!.Endpoint, errors);
                CheckSecretRef("spec.electricityMaps.tokenSecretRef", spec.ElectricityMaps.TokenSecretRef, errors);
                break;
            case CarbonProvider.WattTime when spec.WattTime is null:
                errors.Add(Missing("wattTime", "WattTime", "credentialsSecretRef: {name: watttime}"));
                break;
            case CarbonProvider.WattTime:
                CheckEndpoint("spec.wattTime.endpoint", spec.WattTime!.Endpoint, errors);
                CheckCredentials(spec.WattTime.CredentialsSecretRef, errors);
                break;
            case CarbonProvider.Prometheus when spec.Prometheus is null:
                errors.Add(Missing("prometheus", "Prometheus", "endpoint: http://prometheus.monitoring:9090, queryTemplate: " +
                    "'grid_intensity{zone=\"{{zone}}\"}'"));
                break;
            case CarbonProvider.Prometheus:
                CheckPrometheus(spec.Prometheus!, errors);
                break;
            case CarbonProvider.UKCarbonIntensity:
                if (spec.UKCarbonIntensity is { } uk)
                {
                    CheckEndpoint("spec.ukCarbonIntensity.endpoint", uk.Endpoint, errors);
                }
                break;
            case CarbonProvider.Static:
                if (spec.Static?.ConfigMapRef is { } configMap)
                {
                    CheckObjectKey("spec.static.configMapRef", configMap.Name, configMap.Key, "ConfigMap", errors);
                }
                break;
            default:
                errors.Add(new("spec.provider", $"'{spec.Provider}' is not a carbon provider.",
                    "Use ElectricityMaps, WattTime, UKCarbonIntensity, Prometheus or Static."));
                break;
        }
    }

    private static ValidationError Missing(string field, string provider, string example) =>
        new($"spec.{field}", $"is required when spec.provider is {provider}.", $"Add spec.{field} with the provider's settings, for " +
            $"example {{{example}}}.");

    private static void CheckPrometheus(PrometheusSettings settings, List<ValidationError> errors)
    {
        CheckEndpoint("spec.prometheus.endpoint", settings.Endpoint, errors);
        if (string.IsNullOrEmpty(settings.QueryTemplate))
        {
            errors.Add(new("spec.prometheus.queryTemplate", "is required.", "Give a PromQL query in g/kWh with {{zone}} where the grid zone goes."));
        }
        else if (!settings.QueryTemplate.Contains("{{zone}}", StringComparison.Ordinal))
        {
            errors.Add(new("spec.prometheus.queryTemplate", "does not contain {{zone}}, so every region would get the same series.",
                "Put {{zone}} where the grid zone goes, for example grid_intensity{zone=\"{{zone}}\"}."));
        }
        if (settings.TokenSecretRef is { } token)
        {
            CheckSecretRef("spec.prometheus.tokenSecretRef", token, errors);
        }
    }

    private static void CheckEndpoint(string path, string endpoint, List<ValidationError> errors)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add(new(path, $"'{endpoint}' is not an http or https URL.", "Use the provider's base URL, such as https://api.example.com/v3, " +
                "or omit the field for the default."));
        }
    }

    private static void CheckSecretRef(string path, SecretKeyRef? secret, List<ValidationError> errors)
    {
        if (secret is null)
        {
            errors.Add(new(path, "is required.", "Name the Secret in the operator's namespace and the key that holds the token."));
            return;
        }
        CheckObjectKey(path, secret.Name, secret.Key, "Secret", errors);
    }

    private static void CheckCredentials(CredentialsSecretRef? credentials, List<ValidationError> errors)
    {
        const string path = "spec.wattTime.credentialsSecretRef";
        if (credentials is null)
        {
            errors.Add(new(path, "is required.", "Name the Secret in the operator's namespace that holds the WattTime user name and password."));
            return;
        }
        CheckObjectKey(path, credentials.Name, credentials.UsernameKey, "Secret", errors, "usernameKey");
        CheckKey($"{path}.passwordKey", credentials.PasswordKey, errors);
    }

    private static void CheckObjectKey(string path, string name, string key, string kind, List<ValidationError> errors, string keyField = "key")
    {
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(new($"{path}.name", "is required.", $"Name the {kind} in the operator's namespace."));
        }
        else if (!KubernetesNames.IsDns1123Subdomain(name))
        {
            errors.Add(new($"{path}.name", $"'{name}' is not a valid {kind} name.", "Use lower-case letters, digits, '-' and '.'."));
        }
        CheckKey($"{path}.{keyField}", key, errors);
    }

    private static void CheckKey(string path, string key, List<ValidationError> errors)
    {
        if (string.IsNullOrEmpty(key))
        {
            errors.Add(new(path, "is required.", "Name the key in the object's data."));
        }
        else if (!DataKeyPattern().IsMatch(key))
        {
            errors.Add(new(path, $"'{key}' is not a valid data key.", "Use letters, digits, '-', '_' and '.'."));
        }
    }

    private static void CheckDuration(string path, string text, TimeSpan minimum, string example, List<ValidationError> errors)
    {
        if (!Durations.TryParse(text, out var duration))
        {
            errors.Add(new(path, $"'{text}' is not a duration.", $"Write it as a number and a unit (d, h, m, s), such as {example}."));
        }
        else if (duration < minimum)
        {
            errors.Add(new(path, $"{text} is shorter than the minimum of {Durations.Format(minimum)}.",
                $"Use {Durations.Format(minimum)} or more, such as {example}."));
        }
    }

    private void CheckZoneOverrides(IReadOnlyDictionary<string, string> overrides, List<ValidationError> errors)
    {
        foreach (var (region, zone) in overrides.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            var path = FieldPath.Key("spec.zoneOverrides", region);
            if (!catalogue.Contains(region))
            {
                errors.Add(new(path, $"'{region}' is not an AWS region in Tern's catalogue.{catalogue.DidYouMean(region)}",
                    "Use a region code from data/regions.csv as the key, such as us-west-2."));
            }
            if (string.IsNullOrEmpty(zone) || !ZonePattern().IsMatch(zone))
            {
                errors.Add(new(path, $"'{zone}' is not a grid zone identifier.",
                    "Use the provider's zone code: letters and digits joined by '-' or '_', such as US-NW-PACW, SE-SE3 or CAISO_NORTH."));
            }
        }
    }

    [GeneratedRegex("^[-._a-zA-Z0-9]{1,253}$")]
    private static partial Regex DataKeyPattern();

    [GeneratedRegex("^[A-Za-z0-9]+([-_][A-Za-z0-9]+)*$")]
    private static partial Regex ZonePattern();
}
