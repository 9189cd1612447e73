namespace Tern.Solvers.Model;

/// <summary>Instruction set a function is built for; Lambda prices the two differently.</summary>
public enum CpuArchitecture
{
    /// <summary>x86_64.</summary>
    X86,
    /// <summary>arm64 (Graviton).</summary>
    Arm,
}
