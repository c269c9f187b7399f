# syntax=docker/dockerfile:1
# CPU silo: aggregation and evaluation overflow (and training when no GPU silo exists).
# Build from the repository root:
#   docker build -f deploy/docker/silo-cpu.Dockerfile -t REGISTRY/mentia/silo-cpu:TAG .
# The build stage has the SDK; the final stage has only the ASP.NET Core runtime (the silo serves
# its health checks, the live page, /metrics and the Orleans Dashboard over HTTP) and the published silo. No MNIST inside:
# silos read it from the `datasets` blob container (see k8s/jobs/mnist-upload).

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY build/ build/
COPY src/ src/
# The live page's charting library, from npm as the lock file pins it (Silo.csproj copies it into wwwroot).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends npm \
 && rm -rf /var/lib/apt/lists/* \
 && npm ci --prefix src/Silo/web --no-audit --no-fund
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet restore src/Silo/Silo.csproj -p:TorchBackend=cpu \
 && dotnet publish src/Silo/Silo.csproj -c Release --no-restore -p:TorchBackend=cpu -p:UseAppHost=false -o /app

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS final
WORKDIR /app
COPY --from=build --chown=root:root /app ./
ENV MENTIA_MODE=cluster \
    MENTIA_ROLE=cpu \
    MENTIA_DEVICE=cpu \
    MENTIA_HTTP_BIND=0.0.0.0 \
    MENTIA_HTTP_PORT=8080 \
    MENTIA_SILO_PORT=11111 \
    MENTIA_GATEWAY_PORT=30000 \
    MENTIA_MNIST_DIR=/var/cache/mentia/mnist
EXPOSE 8080 11111 30000
# The non-root user the .NET images ship (app, uid 1654), numeric so Kubernetes can verify runAsNonRoot;
# the application files stay owned by root and read-only to it.
USER 1654
ENTRYPOINT ["dotnet", "/app/Mentia.Silo.dll"]
