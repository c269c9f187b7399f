# syntax=docker/dockerfile:1
# GPU silo: trains on one NVIDIA GPU with TorchSharp's CUDA backend (libtorch for CUDA 12.x).
# Build from the repository root (needs NuGet access: the CUDA natives are several GB):
#   docker build -f deploy/docker/silo-gpu.Dockerfile -t REGISTRY/mentia/silo-gpu:TAG .
# Final stage: NVIDIA's CUDA runtime on Ubuntu 24.04 (GCC 13+ libstdc++, so TorchSharp's native
# bridge loads without the GLIBCXX patch), the ASP.NET Core runtime copied from Microsoft's image,
# the published silo, a non-root user. No SDK, compiler or package manager cache; no MNIST.

ARG DOTNET_VERSION=10.0
ARG CUDA_IMAGE=nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04

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
    dotnet restore src/Silo/Silo.csproj -p:TorchBackend=cuda \
 && dotnet publish src/Silo/Silo.csproj -c Release --no-restore -p:TorchBackend=cuda -p:UseAppHost=false -o /app

# Only a source of the .NET + ASP.NET Core runtime files; nothing else of it reaches the final stage.
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS dotnet-runtime

FROM ${CUDA_IMAGE} AS final
# Runtime libraries .NET needs (TLS for Azure Storage, time zones); no build tools.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates libssl3t64 tzdata zlib1g \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 1654 app \
 && useradd --uid 1654 --gid 1654 --create-home --home-dir /home/app --shell /usr/sbin/nologin app
COPY --from=dotnet-runtime /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
WORKDIR /app
COPY --from=build --chown=root:root /app ./
ENV DOTNET_ROOT=/usr/share/dotnet \
    DOTNET_RUNNING_IN_CONTAINER=true \
    APP_UID=1654 \
    HOME=/home/app \
    MENTIA_MODE=cluster \
    MENTIA_ROLE=gpu \
    MENTIA_DEVICE=cuda \
    MENTIA_HTTP_BIND=0.0.0.0 \
    MENTIA_HTTP_PORT=8080 \
    MENTIA_SILO_PORT=11111 \
    MENTIA_GATEWAY_PORT=30000 \
    MENTIA_MNIST_DIR=/var/cache/mentia/mnist
EXPOSE 8080 11111 30000
USER 1654
ENTRYPOINT ["dotnet", "/app/Mentia.Silo.dll"]
