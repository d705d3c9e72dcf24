using System.Runtime.Versioning;
using HecnetJobs.Setup;

namespace HecnetJobs.Tests.Setup;

/// <summary>Where setup finds PyDECnet and ncp, in a made-up machine: PATH first, then the user's virtual environments, the system folders, other users' homes, and source checkouts last.</summary>
[SupportedOSPlatform("linux")]
public sealed class ToolFinderTests : IDisposable
{
    private readonly SetupRig _rig = new();

    [Fact]
    public void Nothing_installed_finds_nothing()
    {
        var finder = new ToolFinder(_rig.Places);

        Assert.Empty(finder.FindPydecnet());
        Assert.Null(finder.FindNcp(null));
    }

    [Fact]
    public void A_virtual_environment_in_the_home_folder_is_found_with_its_ncp()
    {
        var (pydecnet, ncp) = _rig.Install("home/pi/pydecnet-venv/bin");

        var found = Assert.Single(new ToolFinder(_rig.Places).FindPydecnet());

        Assert.Equal(pydecnet, found.Command);
        Assert.Empty(found.LeadingArguments);
        Assert.Null(found.WorkingDirectory);
        Assert.Equal(ncp, found.Ncp);
        Assert.Equal("virtual environment", found.Where);
    }

    [Fact]
    public void Path_comes_before_the_home_folder_and_the_system_folders()
    {
        var (onPath, _) = _rig.Install("usr/bin");
        var (inHome, _) = _rig.Install("home/pi/.local/bin");
        var (system, _) = _rig.Install("usr/local/bin");

        var found = new ToolFinder(_rig.Places).FindPydecnet();

        Assert.Equal([onPath, inHome, system], found.Select(f => f.Command));
        Assert.Equal(["on PATH", "virtual environment", "installed"], found.Select(f => f.Where));
    }

    [Fact]
    public void Another_users_virtual_environment_is_found_after_the_system_folders()
    {
        var (system, _) = _rig.Install("opt/pydecnet/bin");
        var places = _rig.Places with { SystemBins = [_rig.Dir.File("opt/pydecnet/bin")] };
        var (other, otherNcp) = _rig.Install("home/pat/venv/bin");

        var found = new ToolFinder(places).FindPydecnet();

        Assert.Equal([system, other], found.Select(f => f.Command));
        Assert.Equal(otherNcp, found[1].Ncp);
    }

    [Fact]
    public void A_source_checkout_is_run_by_python3_as_a_module_in_its_folder()
    {
        var python = _rig.Dir.Write("usr/bin/python3", "");
        File.SetUnixFileMode(python, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var package = _rig.Checkout("home/pi/pydecnet");

        var found = Assert.Single(new ToolFinder(_rig.Places).FindPydecnet());

        Assert.Equal(python, found.Command);
        Assert.Equal(["-m", "decnet.main"], found.LeadingArguments);
        Assert.Equal(package, found.WorkingDirectory);
        Assert.Equal(Path.Combine(package, "applications", "ncp"), found.Ncp);
        Assert.Equal("source checkout", found.Where);
        Assert.Equal($"{python} -m decnet.main (in {package})", found.Display);
    }

    [Fact]
    public void An_installed_script_comes_before_a_source_checkout()
    {
        _rig.Checkout("opt/pydecnet");
        var (installed, _) = _rig.Install("usr/local/bin");

        var found = new ToolFinder(_rig.Places).FindPydecnet();

        Assert.Equal(installed, found[0].Command);
        Assert.Equal("source checkout", found[1].Where);
    }

    [Fact]
    public void A_file_without_an_execute_bit_is_not_a_program()
    {
        _rig.Dir.Write("usr/local/bin/pydecnet", "#!/usr/bin/env python3\n");

        Assert.Empty(new ToolFinder(_rig.Places).FindPydecnet());
    }

    [Fact]
    public void Ncp_comes_from_beside_pydecnet_before_path()
    {
        var (_, pathNcp) = _rig.Install("usr/bin");
        var (venv, venvNcp) = _rig.Install("home/pi/venv/bin");
        var finder = new ToolFinder(_rig.Places);

        Assert.Equal(venvNcp, finder.FindNcp(venv));
        Assert.Equal(pathNcp, finder.FindNcp(_rig.Dir.File("elsewhere/pydecnet")));
    }

    [Fact]
    public void Config_files_in_the_usual_folder_are_found_without_the_names_files_they_include()
    {
        _rig.Dir.Write("etc/pydecnet/http.conf", "http --http-port 8000\n");
        _rig.Dir.Write("etc/pydecnet/names.conf", "node 1.13 MIM\n");
        _rig.Dir.Write("etc/pydecnet/with-names.conf", "routing 9.54\napi /run/pydecnet/api.sock\n@names.conf\n");

        var configs = new ToolFinder(_rig.Places).FindConfigs();

        Assert.Equal([_rig.Dir.File("etc/pydecnet/http.conf"), _rig.PydecnetConfig, _rig.Dir.File("etc/pydecnet/with-names.conf")], configs);
    }

    [Fact]
    public void A_config_file_place_wins_over_a_later_folder()
    {
        var single = _rig.Dir.Write("etc/pydecnet.conf", "routing 9.54\napi /run/pydecnet/api.sock\n");
        var places = _rig.Places with { ConfigPlaces = [single, _rig.Dir.File("etc/pydecnet")] };

        Assert.Equal([single], new ToolFinder(places).FindConfigs());
    }

    public void Dispose() => _rig.Dispose();
}
