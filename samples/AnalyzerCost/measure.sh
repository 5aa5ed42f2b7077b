#!/usr/bin/env bash
# Measures analyzer cost: builds a generated project of ~1,000 files of async code with pools and look-alikes, with
# PoolAnalyzers and Meziantou.Analyzer (MA0042 on), and prints each one's analyzer time from -p:ReportAnalyzer=true.
# A benchmark, not a test: run it by hand, on a quiet machine, several times.
#   bash samples/AnalyzerCost/measure.sh [FILES]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
files=${1:-1000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 "$here/generate.py" "$work/src" "$files"
cat > "$work/Generated.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <Nullable>disable</Nullable>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
    <NoWarn>\$(NoWarn);CS1998;CS8321</NoWarn>
    <ImportDirectoryBuildProps>false</ImportDirectoryBuildProps>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Meziantou.Analyzer" Version="3.0.321" PrivateAssets="all" />
    <ProjectReference Include="$root/src/PoolRuntime/PoolRuntime.csproj" />
    <ProjectReference Include="$root/src/PoolAnalyzers/PoolAnalyzers.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
  </ItemGroup>
</Project>
PROJ
cat > "$work/.editorconfig" <<'CONF'
root = true
[*.cs]
dotnet_diagnostic.MA0042.severity = warning
CONF
cat > "$work/Directory.Build.props" <<'PROPS'
<Project />
PROPS

dotnet build "$root/src/PoolAnalyzers" -c Release >/dev/null
dotnet build "$work/Generated.csproj" -c Release >/dev/null 2>&1 || true   # restore and warm up
dotnet build "$work/Generated.csproj" -c Release --no-restore --no-dependencies --no-incremental -p:ReportAnalyzer=true -v:d > "$work/build.log" 2>&1 || true
cp "$work/build.log" "${TMPDIR:-/tmp}/analyzer-cost-build.log"

echo "Generated: $files files, $(cat "$work"/src/*.cs | wc -l) lines"
count() { grep -oE "[^ /]+\.cs\([0-9]+,[0-9]+\): warning $1" "$work/build.log" | sort -u | wc -l; }
echo "Diagnostics: POOL001 $(count POOL001), POOL002 $(count POOL002), POOL003 $(count POOL003), MA0042 $(count MA0042)"
# The ReportAnalyzer table: the total, each analyzer assembly, and the analyzer types under it that matter here.
grep -E "Total analyzer execution time|^ *[0-9.<]+ +[0-9<]+ +(PoolAnalyzers|Meziantou.Analyzer)|DoNotUseBlockingCallInAsyncContextAnalyzer|PoolAnalyzers.Rules" "$work/build.log" | sed 's/^ *//' | awk '!seen[$0]++'
echo "(full log: ${TMPDIR:-/tmp}/analyzer-cost-build.log)"
