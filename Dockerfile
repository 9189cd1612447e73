# syntax=docker/dockerfile:1
# The Tern operator image: `docker build -t ghcr.io/tern-dev/tern:0.1.0 .`
#
# Two stages. The SDK stage restores and publishes src/Operator framework-dependent; the runtime stage is
# the ASP.NET Core runtime on Ubuntu "chiseled": no shell, no package manager, nothing but the runtime
# and its native dependencies. Framework-dependent rather than self-contained and trimmed, because the
# operator serialises with reflection (KubernetesClient, YamlDotNet, System.Text.Json over Tern's records),
# which trimming breaks silently; the chiseled ASP.NET image already carries the shared framework that a
# self-contained publish would copy in, so a trimmed runtime-deps image would save little and risk much.

# Build on the builder's own platform and cross-publish for the target one (docker buildx --platform).
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /src
# Restore first, from the project files alone, so a source change does not invalidate the package layer.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Entities/Tern.Entities.csproj src/Entities/
COPY src/Solvers/Tern.Solvers.csproj src/Solvers/
COPY src/Operator/Tern.Operator.csproj src/Operator/
RUN dotnet restore src/Operator/Tern.Operator.csproj -a "$TARGETARCH"
# The operator ships the bundled data, the CRDs and the examples beside its binary (see its csproj).
COPY src/ src/
COPY data/ data/
COPY config/crds/ config/crds/
COPY examples/ examples/
RUN dotnet publish src/Operator/Tern.Operator.csproj -c Release -a "$TARGETARCH" --no-restore --self-contained false -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS runtime
WORKDIR /app
# Only the publish output: no sources, no SDK, no test data.
COPY --from=build /app/ /app/
# A numeric non-root user, so Kubernetes can enforce runAsNonRoot without reading /etc/passwd; the chart
# and config/manager run the pod as the same 65532. Nothing is written outside /tmp (mount an emptyDir or
# `docker run --read-only --tmpfs /tmp`): .NET puts its diagnostics socket there, and HOME points there so
# nothing looks for a home directory the user does not have.
USER 65532:65532
ENV HOME=/tmp \
    DOTNET_NOLOGO=1
EXPOSE 8080 8081
ENTRYPOINT ["/app/tern"]
CMD ["run"]
