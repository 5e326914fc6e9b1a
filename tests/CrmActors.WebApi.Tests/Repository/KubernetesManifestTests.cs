using CrmActors.Silo.Hosting;
using k8s;
using k8s.Models;

namespace CrmActors.WebApi.Tests.Repository;

/// <summary>
/// ops/kubernetes loaded into the Kubernetes client's typed models (no cluster runs here): the images, ports, probes
/// on the health endpoints, the settings each process reads, the secret they come from, the Orleans hosting the silos
/// need, and grace periods longer than each process's shutdown timeout.
/// </summary>
public sealed class KubernetesManifestTests
{
    private const string Secret = "crmactors";

    // The hosts' Shutdown:Timeout (silo 60 s, web API 30 s) plus the shutdown watchdog's grace.
    private static readonly TimeSpan SiloShutdown = TimeSpan.FromSeconds(60) + ServiceDefaults.Hosting.ShutdownWatchdog.Grace;
    private static readonly TimeSpan ApiShutdown = TimeSpan.FromSeconds(30) + ServiceDefaults.Hosting.ShutdownWatchdog.Grace;

    private static readonly IReadOnlyList<object> Objects = Load();

    [Fact]
    public void Manifests_EveryDocument_LoadsAsATypedKubernetesObject()
    {
        Assert.Equal(
            ["Deployment/crmactors-silo", "Deployment/crmactors-webapi", "HorizontalPodAutoscaler/crmactors-silo", "HorizontalPodAutoscaler/crmactors-webapi",
             "Job/crmactors-schema", "PodDisruptionBudget/crmactors-silo", "PodDisruptionBudget/crmactors-webapi", "Role/crmactors-silo",
             "RoleBinding/crmactors-silo", "Service/crmactors-webapi", "ServiceAccount/crmactors-silo"],
            Objects.Cast<IKubernetesObject<V1ObjectMeta>>().Select(o => $"{o.Kind}/{o.Metadata.Name}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SiloDeployment_UsesKubernetesHosting_WithPodIdentityLabelsAndTheRightsItNeeds()
    {
        var silo = Deployment("crmactors-silo");
        var pod = silo.Spec.Template;
        var container = Assert.Single(pod.Spec.Containers);
        Assert.StartsWith("crmactors/silo:", container.Image, StringComparison.Ordinal);
        Assert.Equal([8080, 11111, 30000], container.Ports.Select(p => p.ContainerPort).Order());
        Assert.Equal("true", Value(container, SiloHostingExtensions.KubernetesSetting.Replace(":", "__", StringComparison.Ordinal)));
        Assert.Equal("metadata.name", container.Env.Single(e => e.Name == "POD_NAME").ValueFrom.FieldRef.FieldPath);
        Assert.Equal("metadata.namespace", container.Env.Single(e => e.Name == "POD_NAMESPACE").ValueFrom.FieldRef.FieldPath);
        Assert.Equal("status.podIP", container.Env.Single(e => e.Name == "POD_IP").ValueFrom.FieldRef.FieldPath);
        Assert.Equal("metadata.labels['orleans/serviceId']", container.Env.Single(e => e.Name == "ORLEANS_SERVICE_ID").ValueFrom.FieldRef.FieldPath);
        Assert.Equal("metadata.labels['orleans/clusterId']", container.Env.Single(e => e.Name == "ORLEANS_CLUSTER_ID").ValueFrom.FieldRef.FieldPath);
        Assert.Equal(pod.Metadata.Labels["orleans/serviceId"], Value(container, "Orleans__ServiceId"));
        Assert.Equal(pod.Metadata.Labels["orleans/clusterId"], Value(container, "Orleans__ClusterId"));
        Assert.Equal("db-connection", SecretKey(container, "ConnectionStrings__crm"));
        AssertProbes(container);
        Assert.True(pod.Spec.TerminationGracePeriodSeconds > SiloShutdown.TotalSeconds, $"grace {pod.Spec.TerminationGracePeriodSeconds} s");
        Assert.True(silo.Spec.Selector.MatchLabels.All(l => pod.Metadata.Labels[l.Key] == l.Value));

        // The silos watching the cluster read pods and delete the pods of silos declared dead.
        var binding = Objects.OfType<V1RoleBinding>().Single(b => b.Subjects.Any(s => s.Kind == "ServiceAccount" && s.Name == pod.Spec.ServiceAccountName));
        var role = Objects.OfType<V1Role>().Single(r => r.Metadata.Name == binding.RoleRef.Name);
        var pods = Assert.Single(role.Rules, r => r.Resources.Contains("pods"));
        Assert.Equal(["delete", "get", "list", "watch"], pods.Verbs.Order(StringComparer.Ordinal));
        Assert.Equal("1", Objects.OfType<V1PodDisruptionBudget>().Single(b => b.Metadata.Name == "crmactors-silo").Spec.MaxUnavailable.Value);
    }

    [Fact]
    public void WebApiDeployment_ReadsTheSameClusterAndTheSecret_AndTheServiceReachesIt()
    {
        var api = Deployment("crmactors-webapi");
        var pod = api.Spec.Template;
        var container = Assert.Single(pod.Spec.Containers);
        var silo = Assert.Single(Deployment("crmactors-silo").Spec.Template.Spec.Containers);
        Assert.StartsWith("crmactors/webapi:", container.Image, StringComparison.Ordinal);
        Assert.Equal(8080, Assert.Single(container.Ports).ContainerPort);
        Assert.Equal(Value(silo, "Orleans__ServiceId"), Value(container, "Orleans__ServiceId"));
        Assert.Equal(Value(silo, "Orleans__ClusterId"), Value(container, "Orleans__ClusterId"));
        Assert.Equal("db-connection", SecretKey(container, "ConnectionStrings__crm"));
        Assert.Equal("jwt-signing-key", SecretKey(container, "Auth__SigningKey"));
        AssertProbes(container);
        Assert.True(pod.Spec.TerminationGracePeriodSeconds > ApiShutdown.TotalSeconds, $"grace {pod.Spec.TerminationGracePeriodSeconds} s");

        var service = Objects.OfType<V1Service>().Single(s => s.Metadata.Name == "crmactors-webapi");
        Assert.True(service.Spec.Selector.All(l => pod.Metadata.Labels.TryGetValue(l.Key, out var v) && v == l.Value));
        Assert.Equal("http", Assert.Single(service.Spec.Ports).TargetPort.Value);
    }

    [Fact]
    public void SchemaJob_RunsTheMigrationWithTheSecretsConnection()
    {
        var job = Objects.OfType<V1Job>().Single(j => j.Metadata.Name == "crmactors-schema");
        var container = Assert.Single(job.Spec.Template.Spec.Containers);
        Assert.StartsWith("crmactors/crmctl:", container.Image, StringComparison.Ordinal);
        Assert.Equal(["db", "migrate"], container.Args);
        Assert.Equal("db-connection", SecretKey(container, "CRM_DB_CONNECTION"));
        Assert.Equal("OnFailure", job.Spec.Template.Spec.RestartPolicy);
    }

    [Fact]
    public void Autoscalers_ScaleTheDeploymentsThatExist()
    {
        var deployments = Objects.OfType<V1Deployment>().Select(d => d.Metadata.Name).ToHashSet();
        var scalers = Objects.OfType<V2HorizontalPodAutoscaler>().ToList();
        Assert.Equal(2, scalers.Count);
        Assert.All(scalers, s => Assert.Contains(s.Spec.ScaleTargetRef.Name, deployments));
        Assert.All(scalers, s => Assert.True(s.Spec.MinReplicas >= 2, $"{s.Metadata.Name} may scale below 2"));
    }

    private static void AssertProbes(V1Container container)
    {
        Assert.Equal("/health/ready", container.ReadinessProbe.HttpGet.Path);
        Assert.Equal("/health/live", container.LivenessProbe.HttpGet.Path);
        Assert.Equal("/health/ready", container.StartupProbe.HttpGet.Path);
        var http = container.Ports.Single(p => p.Name == "http");
        Assert.All([container.ReadinessProbe, container.LivenessProbe, container.StartupProbe], p => Assert.Equal(http.Name, p.HttpGet.Port.Value));
    }

    private static V1Deployment Deployment(string name) => Objects.OfType<V1Deployment>().Single(d => d.Metadata.Name == name);

    private static string Value(V1Container container, string name) => container.Env.Single(e => e.Name == name).Value;

    private static string SecretKey(V1Container container, string name)
    {
        var from = container.Env.Single(e => e.Name == name).ValueFrom.SecretKeyRef;
        Assert.Equal(Secret, from.Name);
        return from.Key;
    }

    private static List<object> Load() =>
        [.. Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, "ops", "kubernetes"), "*.yaml")
            .Where(f => Path.GetFileName(f) != "kustomization.yaml")
            .SelectMany(f => KubernetesYaml.LoadAllFromString(File.ReadAllText(f)))];
}
