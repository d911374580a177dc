"""systems/webbkollen"""
